// Counts from Neo4j's count store: constant time whatever the graph's size. The change feed's
// nodes are bookkeeping, not the platform's data.
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
UNWIND data.nodes AS n
WITH n WHERE n.label IS NOT NULL AND NOT n.label IN ['Change', 'ChangeFeed']
RETURN n.label AS label, n.count AS count
ORDER BY label
