// Which of $ids are users (the events API checks only the ids a request mentions).
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN u.id AS id
