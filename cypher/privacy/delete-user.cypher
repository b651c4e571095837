// DELETE /api/users/{id}: the user and every relationship they have (follows, interactions,
// learning events, memberships, courses they created keep existing without their creator).
// $id: the user id. Returns how many relationships went with them (0 rows: no such user).
MATCH (u:User {id: $id})
WITH u, COUNT { (u)--() } AS relationships
DETACH DELETE u
RETURN relationships
