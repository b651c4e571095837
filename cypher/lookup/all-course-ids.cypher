MATCH (c:Course) RETURN c.id AS id
