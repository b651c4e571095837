// The change feed: each change has one number, and readers seek by it.
CREATE CONSTRAINT change_seq_unique IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE
