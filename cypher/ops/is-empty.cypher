// True when the graph holds none of the platform's data: no node but the tiers (which the schema
// creates) and the change feed. A bulk load may replace only such a store.
OPTIONAL MATCH (n)
WHERE NOT n:Tier AND NOT n:Change AND NOT n:ChangeFeed
WITH n LIMIT 1
RETURN n IS NULL AS empty
