// Contribution points over the last $days days before $asOf, as GET /api/leaderboards: answers
// given, replies, comments and tips received, followers gained, each worth its points.
// @param days integer = 30 the window
// @param asOf string = 2100-01-01 the window's end (ISO-8601); by default the latest event
// @param top integer = 20 how many users
CALL () {
  MATCH (:User)-[r]->() WHERE r.at IS NOT NULL
  RETURN max(r.at) AS latest
}
WITH CASE WHEN datetime($asOf) > latest THEN latest ELSE datetime($asOf) END AS asOf
WITH asOf, asOf - duration({days: $days}) AS since
CALL (since, asOf) {
  MATCH (u:User)-[r:ANSWERED]->(:User) WHERE since < r.at <= asOf
  RETURN u, 'answers' AS kind, 5 AS points
  UNION ALL
  MATCH (:User)-[r:REPLIED]->(u:User) WHERE since < r.at <= asOf
  RETURN u, 'replies' AS kind, 2 AS points
  UNION ALL
  MATCH (:User)-[r:COMMENTED]->(u:User) WHERE since < r.at <= asOf
  RETURN u, 'comments' AS kind, 1 AS points
  UNION ALL
  MATCH (:User)-[r:TIPPED]->(u:User) WHERE since < r.at <= asOf
  RETURN u, 'tips' AS kind, 10 AS points
  UNION ALL
  MATCH (:User)-[r:FOLLOWS]->(u:User) WHERE since < r.at <= asOf
  RETURN u, 'followers' AS kind, 3 AS points
}
WITH u, kind, count(*) AS n, sum(points) AS points
WITH u, sum(points) AS points, collect([kind, n]) AS byKind
RETURN u.id AS userId, u.name AS name, points, byKind
ORDER BY points DESC, userId
LIMIT $top
