// Every learning event of a user on a course (CREATED is authorship, not learning).
MATCH (u:User)-[r]->(c:Course)
WHERE NOT r:CREATED
RETURN id(u) AS source, id(c) AS target, type(r) AS type, r.at.epochSeconds / 60 AS minute
