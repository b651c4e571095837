// memberships.csv: $rows = [{userId, tier, at}]. Each change is a SUBSCRIBED relationship to
// the tier; the latest one sets User.tier.
UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (t:Tier {name: row.tier})
MERGE (u)-[:SUBSCRIBED {at: row.at}]->(t)
WITH DISTINCT u
MATCH (u)-[s:SUBSCRIBED]->(t:Tier)
WITH u, s, t ORDER BY s.at DESC
WITH u, collect(t.name)[0] AS latestTier
SET u.tier = latestTier
