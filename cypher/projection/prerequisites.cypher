MATCH (t:Topic)-[:REQUIRES]->(r:Topic)
RETURN id(t) AS source, id(r) AS target
