// courses.csv: $rows = [{id, creatorId, title, tier, price, publishedAt, extra}]. A course has
// one creator: re-importing with another creator moves the CREATED relationship.
UNWIND $rows AS row
MATCH (creator:User {id: row.creatorId})
MERGE (c:Course {id: row.id})
SET c.title = row.title, c.tier = row.tier, c.price = row.price, c.publishedAt = row.publishedAt
SET c += row.extra
WITH c, creator
OPTIONAL MATCH (previous:User)-[old:CREATED]->(c)
WHERE previous <> creator
DELETE old
MERGE (creator)-[:CREATED]->(c)
