// One course's learning funnel: how many users viewed, enrolled, progressed, completed it,
// with the conversion from each step to the next.
// @param course string (required) the course id
MATCH (c:Course {id: $course})
CALL (c) {
  OPTIONAL MATCH (v:User)-[:VIEWED]->(c) RETURN count(DISTINCT v) AS viewed
}
CALL (c) {
  OPTIONAL MATCH (e:User)-[:ENROLLED]->(c) RETURN count(DISTINCT e) AS enrolled
}
CALL (c) {
  OPTIONAL MATCH (p:User)-[:PROGRESSED]->(c) RETURN count(DISTINCT p) AS progressed
}
CALL (c) {
  OPTIONAL MATCH (d:User)-[:COMPLETED]->(c) RETURN count(DISTINCT d) AS completed
}
RETURN c.id AS courseId, c.title AS title, viewed, enrolled, progressed, completed,
       CASE WHEN viewed = 0 THEN null ELSE round(toFloat(enrolled) / viewed, 3) END AS enrolRate,
       CASE WHEN enrolled = 0 THEN null ELSE round(toFloat(completed) / enrolled, 3) END AS completionRate
