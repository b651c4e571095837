// The changes after $after, oldest first, at most $limit of them.
MATCH (c:Change)
WHERE c.seq > $after
RETURN c.seq AS seq, c.kind AS kind, c.origin AS origin, c.payload AS payload, c.userId AS userId,
       c.at.epochMillis AS atMillis
ORDER BY c.seq
LIMIT $limit
