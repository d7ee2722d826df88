// One batch of interview AT occasion. Rows: interview_id, occasion_id.
UNWIND $rows AS row
MATCH (i:Interview {study: $study, id: row.interview_id})
MATCH (o:Occasion {study: $study, id: row.occasion_id})
MERGE (i)-[:AT]->(o)
