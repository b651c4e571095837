// One course as stored, for GET /api/courses/{id}: its own properties (price, publication time
// and whatever extra columns courses.csv carried) and its topics. A single-node lookup by the
// unique id is what Cypher is for; the heavy aggregates come from the in-memory projection.
MATCH (c:Course {id: $id})
OPTIONAL MATCH (c)-[cv:COVERS]->(t:Topic)
WITH c, collect({topicId: t.id, name: t.name, weight: coalesce(cv.weight, 1.0)}) AS topics
RETURN c.price AS price, CASE WHEN c.publishedAt IS NULL THEN null ELSE toString(c.publishedAt) END AS publishedAt,
       [k IN keys(c) WHERE NOT k IN ['id', 'title', 'tier', 'price', 'publishedAt'] | [k, toString(c[k])]] AS extra,
       [x IN topics WHERE x.topicId IS NOT NULL] AS topics
