// The projection's users. nodeId is Neo4j's internal id: a handle that keeps 10M-row streams
// lean and lets results be written back by id. Times as epoch minutes.
MATCH (u:User)
RETURN id(u) AS nodeId, u.id AS id, u.name AS name, u.tier AS tier,
       u.joinedAt.epochSeconds / 60 AS joinedMinute
