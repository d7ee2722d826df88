// One batch of participant GAVE interview. Rows: participant_id, interview_id.
UNWIND $rows AS row
MATCH (p:Participant {study: $study, id: row.participant_id})
USING INDEX p:Participant(study, id)
MATCH (i:Interview {study: $study, id: row.interview_id})
USING INDEX i:Interview(study, id)
MERGE (p)-[:GAVE]->(i)
