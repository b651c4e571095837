MATCH (c:Course)
OPTIONAL MATCH (creator:User)-[:CREATED]->(c)
RETURN id(c) AS nodeId, c.id AS id, c.title AS title, c.tier AS tier, id(creator) AS creatorId
