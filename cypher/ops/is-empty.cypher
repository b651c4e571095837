// True when the graph holds no users yet (tiers alone do not count).
OPTIONAL MATCH (u:User)
WITH u LIMIT 1
RETURN u IS NULL AS empty
