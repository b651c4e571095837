// Members whose latest membership change moved them to a lower tier, most recent first.
// @param limit integer = 50 how many members
MATCH (u:User)-[s:SUBSCRIBED]->(t:Tier)
WITH u, s, t ORDER BY s.at
WITH u, collect({tier: t.name, rank: t.rank, at: s.at}) AS changes
WHERE size(changes) >= 2 AND changes[-1].rank < changes[-2].rank
RETURN u.id AS userId, u.name AS name, changes[-2].tier AS fromTier, changes[-1].tier AS toTier,
       changes[-1].at AS at
ORDER BY at DESC, userId
LIMIT $limit
