// social.csv: $rows = [{fromId, toId, rel, at, courseId}]. One relationship per event, typed
// COMMENTED, REPLIED, LIKED, SHARED, TIPPED, ANSWERED or MENTIONED and identified by
// (pair, type, at), so importing the same events again changes nothing.
UNWIND $rows AS row
MATCH (a:User {id: row.fromId})
MATCH (b:User {id: row.toId})
MERGE (a)-[e:$(row.rel) {at: row.at}]->(b)
SET e.courseId = row.courseId
