// Course creators ranked by the learners their courses reached and their followers.
// @param limit integer = 20 how many creators
MATCH (creator:User)-[:CREATED]->(c:Course)
OPTIONAL MATCH (c)<-[:ENROLLED]-(learner:User)
WITH creator, count(DISTINCT c) AS courses, count(DISTINCT learner) AS learners
RETURN creator.id AS userId, creator.name AS name, courses, learners,
       COUNT { (:User)-[:FOLLOWS]->(creator) } AS followers, creator.pagerank AS pagerank
ORDER BY learners DESC, followers DESC, userId
LIMIT $limit
