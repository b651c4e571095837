// churnRisk on :User for analysts ($rows: [{nodeId, risk}]): the probability of churning within
// the model's horizon, scored at $scoredAt; risk null (property removed) for users who are not
// active, so no stale value survives a re-score.
UNWIND $rows AS row
MATCH (u:User) WHERE id(u) = row.nodeId
SET u.churnRisk = row.risk,
    u.churnScoredAt = CASE WHEN row.risk IS NULL THEN null ELSE datetime($scoredAt) END
