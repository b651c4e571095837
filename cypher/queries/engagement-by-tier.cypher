// Engagement per tier over the last $days days before $asOf, the components of GET
// /api/engagement: users, active users, mean days with activity, mean completions and ratings.
// @param days integer = 30 the window
// @param asOf string = 2100-01-01 the window's end (ISO-8601); by default the latest event
CALL () {
  MATCH (:User)-[r]->() WHERE r.at IS NOT NULL
  RETURN max(r.at) AS latest
}
WITH CASE WHEN datetime($asOf) > latest THEN latest ELSE datetime($asOf) END AS asOf
WITH asOf, asOf - duration({days: $days}) AS since
MATCH (u:User) WHERE u.joinedAt IS NULL OR u.joinedAt <= asOf
OPTIONAL MATCH (u)-[r]->(x) WHERE (x:Course OR x:User) AND NOT type(r) IN ['FOLLOWS', 'CREATED']
  AND since < r.at <= asOf
WITH u, count(DISTINCT date(r.at)) AS visitDays, sum(CASE WHEN r:COMPLETED THEN 1 ELSE 0 END) AS completions,
     sum(CASE WHEN r:RATED THEN 1 ELSE 0 END) AS ratings
RETURN coalesce(u.tier, 'unknown') AS tier, count(u) AS users, sum(CASE WHEN visitDays > 0 THEN 1 ELSE 0 END) AS active,
       round(avg(visitDays), 3) AS meanVisitDays, round(avg(completions), 3) AS meanCompletions,
       round(avg(ratings), 3) AS meanRatings
ORDER BY tier
