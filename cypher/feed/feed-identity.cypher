// The change feed's identity: a random id given to the feed when it is first needed, so a
// snapshot saved beside one database is never taken for another's (a store rebuilt by a bulk
// load, a database dropped and re-imported) even when their feed numbers happen to agree.
MERGE (f:ChangeFeed {id: 'main'})
ON CREATE SET f.seq = 0
SET f.identity = coalesce(f.identity, randomUUID())
RETURN f.identity AS identity
