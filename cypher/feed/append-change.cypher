// The change feed: every write LearnerGraph commits appends one :Change in the same transaction,
// numbered by the feed's counter (the MERGE locks the :ChangeFeed node, so numbers follow commit
// order and a reader never sees a later change before an earlier one). Every instance reads the
// feed and applies what it has not seen: replicas converge through the database.
// $kind: events | import | reload | erase; $origin: the writing instance; $payload: the rows as
// JSON for events (null otherwise); $userId for erase.
MERGE (f:ChangeFeed {id: 'main'})
ON CREATE SET f.seq = 0
SET f.seq = f.seq + 1
CREATE (c:Change {seq: f.seq, at: datetime(), kind: $kind, origin: $origin, payload: $payload, userId: $userId})
RETURN c.seq AS seq
