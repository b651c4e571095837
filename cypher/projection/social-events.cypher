// Every follow and social interaction between users, one row per relationship.
MATCH (a:User)-[r]->(b:User)
RETURN id(a) AS source, id(b) AS target, type(r) AS type, r.at.epochSeconds / 60 AS minute
