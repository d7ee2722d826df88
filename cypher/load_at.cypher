// One batch of interview AT occasion. Rows: interview_id, occasion_id.
UNWIND $rows AS row
MATCH (i:Interview {study: $study, id: row.interview_id})
USING INDEX i:Interview(study, id)
MATCH (o:Occasion {study: $study, id: row.occasion_id})
USING INDEX o:Occasion(study, id)
MERGE (i)-[:AT]->(o)
