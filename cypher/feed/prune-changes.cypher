// Forgets up to $limit changes older than $before (epoch milliseconds), but always keeps the
// newest $keep: a replica further behind than what is kept reloads from the graph instead of
// replaying. Returns how many went (the caller repeats while that is $limit).
MATCH (f:ChangeFeed {id: 'main'})
MATCH (c:Change)
WHERE c.seq <= f.seq - $keep AND c.at.epochMillis < $before
WITH c LIMIT $limit
DELETE c
RETURN count(*) AS pruned
