// Which of $ids are courses.
UNWIND $ids AS id
MATCH (c:Course {id: id})
RETURN c.id AS id
