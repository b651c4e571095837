// The latest churn model's JSON, if one was trained.
MATCH (m:ChurnModel {name: 'latest'})
RETURN m.json AS model
