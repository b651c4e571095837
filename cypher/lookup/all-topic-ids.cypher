MATCH (t:Topic) RETURN t.id AS id
