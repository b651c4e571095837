MATCH (t:Topic)-[:REQUIRES]->(r:Topic) RETURN t.id AS topicId, r.id AS requiresId
