// topic_prerequisites.csv: $rows = [{topicId, requiresId}]; cycles were rejected before this.
UNWIND $rows AS row
MATCH (t:Topic {id: row.topicId})
MATCH (r:Topic {id: row.requiresId})
MERGE (t)-[:REQUIRES]->(r)
