// A user's two-hop learning neighbourhood: the people who took the same courses, how many they
// share, and what else those people completed that the user has not taken.
// @param user string (required) the user id
// @param limit integer = 25 how many co-learners
MATCH (u:User {id: $user})-[:ENROLLED|COMPLETED|PURCHASED]->(c:Course)<-[:ENROLLED|COMPLETED|PURCHASED]-(peer:User)
WHERE peer <> u
WITH u, peer, count(DISTINCT c) AS sharedCourses
ORDER BY sharedCourses DESC, peer.id
LIMIT $limit
OPTIONAL MATCH (peer)-[:COMPLETED]->(other:Course)
WHERE NOT EXISTS { (u)-[:ENROLLED|COMPLETED|PURCHASED]->(other) }
RETURN peer.id AS userId, peer.name AS name, sharedCourses, collect(DISTINCT other.id)[..10] AS completedElsewhere
ORDER BY sharedCourses DESC, userId
