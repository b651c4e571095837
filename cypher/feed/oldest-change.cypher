// The number of the oldest change still kept (null when none is).
MATCH (c:Change)
RETURN min(c.seq) AS seq
