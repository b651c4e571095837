// learning.csv: $rows = [{userId, courseId, rel, at, value}]. One relationship per event, typed
// VIEWED, ENROLLED, PROGRESSED, COMPLETED, RATED or PURCHASED and identified by
// (user, course, type, at).
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (c:Course {id: row.courseId})
MERGE (u)-[e:$(row.rel) {at: row.at}]->(c)
SET e.value = row.value
