// social.csv rows of this type: $rows = [{fromId, toId, at, courseId}]. One relationship per
// event, identified by (pair, type, at): importing the same events again changes nothing. One
// statement per type, because a MERGE on a static type expands only that type's relationships
// (measured 1.9x faster than a dynamic type; src/site/markdown/performance.md).
UNWIND $rows AS row
MATCH (a:User {id: row.fromId})
MATCH (b:User {id: row.toId})
MERGE (a)-[e:TIPPED {at: row.at}]->(b)
SET e.courseId = row.courseId
