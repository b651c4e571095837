// topics.csv: $rows = [{id, name, extra}]
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t.name = row.name
SET t += row.extra
