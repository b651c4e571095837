// The number of the newest change (0 before the first).
OPTIONAL MATCH (f:ChangeFeed {id: 'main'})
RETURN coalesce(f.seq, 0) AS seq
