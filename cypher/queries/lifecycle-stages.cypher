// Users per lifecycle stage at a time by silence alone: new (joined under $newDays days ago),
// churned (silent over $churnedDays), dormant (silent $dormantDays or more), active. GET
// /api/lifecycle adds "won back" and "at risk", which need the event history and the churn model.
// @param asOf string = 2100-01-01 the time to judge at (ISO-8601); by default the latest event
// @param newDays integer = 14 joined fewer days ago than this is new
// @param dormantDays integer = 30 silent this many days is dormant
// @param churnedDays integer = 90 silent more days than this is churned
CALL () {
  MATCH (:User)-[r]->() WHERE r.at IS NOT NULL
  RETURN max(r.at) AS latest
}
WITH CASE WHEN datetime($asOf) > latest THEN latest ELSE datetime($asOf) END AS asOf
MATCH (u:User) WHERE u.joinedAt IS NULL OR u.joinedAt <= asOf
OPTIONAL MATCH (u)-[r]->(x) WHERE (x:Course OR x:User) AND NOT type(r) IN ['FOLLOWS', 'CREATED'] AND r.at <= asOf
WITH asOf, u, max(r.at) AS last
WITH asOf, u, coalesce(last, u.joinedAt) AS seen
WITH u, CASE
  WHEN u.joinedAt IS NOT NULL AND duration.inDays(u.joinedAt, asOf).days < $newDays THEN 'new'
  WHEN seen IS NULL THEN 'unknown'
  WHEN duration.inDays(seen, asOf).days > $churnedDays THEN 'churned'
  WHEN duration.inDays(seen, asOf).days >= $dormantDays THEN 'dormant'
  ELSE 'active' END AS stage
RETURN stage, count(u) AS users
ORDER BY users DESC
