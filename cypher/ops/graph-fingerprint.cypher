// One line per node and per relationship with every property, in a stable order: two graphs
// are equal when these lines are. Used to check re-import idempotence and crash recovery.
// Node identity is its id (name for tiers), never Neo4j's internal id. The change feed is left
// out: it records how the graph was written, not what it is.
CALL {
  MATCH (n) WHERE NOT n:Change AND NOT n:ChangeFeed
  CALL (n) {
    UNWIND keys(n) AS k
    WITH k ORDER BY k
    RETURN collect(k + '=' + toString(n[k])) AS props
  }
  RETURN 'N ' + reduce(s = '', l IN labels(n) | s + ':' + l) + ' ' + coalesce(n.id, n.name) + ' '
         + reduce(s = '', p IN props | s + p + ';') AS line
  UNION ALL
  MATCH (a)-[r]->(b)
  CALL (r) {
    UNWIND keys(r) AS k
    WITH k ORDER BY k
    RETURN collect(k + '=' + toString(r[k])) AS props
  }
  RETURN 'R ' + coalesce(a.id, a.name) + ' -' + type(r) + '-> ' + coalesce(b.id, b.name) + ' '
         + reduce(s = '', p IN props | s + p + ';') AS line
}
RETURN line
ORDER BY line
