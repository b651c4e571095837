MATCH (c:Course)-[r:COVERS]->(t:Topic)
RETURN id(c) AS source, id(t) AS target, coalesce(r.weight, 1.0) AS weight
