// Courses whose learners come from the most communities: bridges between interest groups.
// @param minLearners integer = 5 ignore courses with fewer learners
// @param limit integer = 20 how many courses
MATCH (c:Course)<-[:ENROLLED]-(u:User)
WHERE u.communityId IS NOT NULL
WITH c, count(DISTINCT u) AS learners, count(DISTINCT u.communityId) AS communities
WHERE learners >= $minLearners
RETURN c.id AS courseId, c.title AS title, learners, communities,
       round(toFloat(communities) / learners, 3) AS communitiesPerLearner
ORDER BY communities DESC, learners DESC, courseId
LIMIT $limit
