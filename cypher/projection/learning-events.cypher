// Every learning event of a user on a course (CREATED is authorship, not learning), grouped
// like social-events.cypher: one row per (user, event type) with parallel lists.
MATCH (u:User)
CALL (u) {
  MATCH (u)-[r]->(c:Course)
  WHERE NOT r:CREATED
  RETURN type(r) AS type, collect(id(c)) AS targets, collect(coalesce(r.at.epochSeconds / 60, $noTime)) AS minutes
}
RETURN id(u) AS source, type, targets, minutes
