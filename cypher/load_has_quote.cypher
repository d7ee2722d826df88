// One batch of interview HAS_QUOTE quote. Rows: interview_id, quote_id.
UNWIND $rows AS row
MATCH (i:Interview {study: $study, id: row.interview_id})
USING INDEX i:Interview(study, id)
MATCH (q:Quote {study: $study, id: row.quote_id})
USING INDEX q:Quote(study, id)
MERGE (i)-[:HAS_QUOTE]->(q)
