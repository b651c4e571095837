// follows.csv: $rows = [{followerId, followeeId, at}]. A follow is a state: one per pair.
UNWIND $rows AS row
MATCH (a:User {id: row.followerId})
MATCH (b:User {id: row.followeeId})
MERGE (a)-[f:FOLLOWS]->(b)
SET f.at = row.at
