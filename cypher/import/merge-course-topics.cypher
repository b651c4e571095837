// course_topics.csv: $rows = [{courseId, topicId, weight}]
UNWIND $rows AS row
MATCH (c:Course {id: row.courseId})
MATCH (t:Topic {id: row.topicId})
MERGE (c)-[r:COVERS]->(t)
SET r.weight = row.weight
