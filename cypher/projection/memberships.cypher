// Membership history: every tier change of every user, one row per user with parallel lists
// (tiers, epoch minutes; $noTime when a change has no time).
MATCH (u:User)-[s:SUBSCRIBED]->(t:Tier)
RETURN id(u) AS source, collect(t.name) AS tiers, collect(coalesce(s.at.epochSeconds / 60, $noTime)) AS minutes
