// users.csv: $rows = [{id, name, tier, joinedAt, extra}]. A user's tier follows their latest
// membership change when they have one, so re-importing users.csv never undoes memberships.csv.
UNWIND $rows AS row
MERGE (u:User {id: row.id})
SET u.name = row.name, u.joinedAt = row.joinedAt
SET u += row.extra
WITH u, row
OPTIONAL MATCH (u)-[s:SUBSCRIBED]->(t:Tier)
WITH u, row, t ORDER BY s.at DESC
WITH u, row, collect(t.name)[0] AS latestTier
SET u.tier = coalesce(latestTier, row.tier)
