MATCH (t:Topic)
RETURN id(t) AS nodeId, t.id AS id, t.name AS name
