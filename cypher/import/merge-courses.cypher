// courses.csv: $rows = [{id, creatorId, title, tier, price, publishedAt, extra}]. A course has
// one creator: re-importing with another creator moves the CREATED relationship. Each row runs
// in its own subquery so that a course twice in one batch sees its first row's creator (one
// UNWIND would read every row's old creator before writing any, leaving two creators).
UNWIND $rows AS row
CALL (row) {
  MATCH (creator:User {id: row.creatorId})
  MERGE (c:Course {id: row.id})
  SET c.title = row.title, c.tier = row.tier, c.price = row.price, c.publishedAt = row.publishedAt
  SET c += row.extra
  WITH c, creator
  OPTIONAL MATCH (previous:User)-[old:CREATED]->(c)
  WHERE previous <> creator
  DELETE old
  MERGE (creator)-[:CREATED]->(c)
}
