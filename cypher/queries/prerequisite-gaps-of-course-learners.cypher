// Learners enrolled in a course who have not completed any course on one of its prerequisite
// topics: who may need a refresher first.
// @param course string (required) the course id
// @param limit integer = 50 how many learners
MATCH (c:Course {id: $course})-[:COVERS]->(:Topic)-[:REQUIRES]->(required:Topic)
WHERE NOT (c)-[:COVERS]->(required)
WITH c, collect(DISTINCT required) AS prerequisites
MATCH (u:User)-[:ENROLLED]->(c)
UNWIND prerequisites AS r
WITH u, r
WHERE NOT EXISTS { (u)-[:COMPLETED]->(:Course)-[:COVERS]->(r) }
WITH u, collect(r.id) AS missing
RETURN u.id AS userId, u.name AS name, missing AS missingPrerequisites, size(missing) AS gaps
ORDER BY gaps DESC, userId
LIMIT $limit
