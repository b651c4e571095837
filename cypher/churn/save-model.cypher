// The latest churn model, kept in the graph so that it survives restarts and every API replica
// serves the same one: a single :ChurnModel node, replaced on each training. $model is its JSON.
MERGE (m:ChurnModel {name: 'latest'})
SET m.json = $model, m.trainedAt = datetime($trainedAt), m.asOf = datetime($asOf), m.auc = $auc
