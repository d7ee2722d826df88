// One batch of quote ABOUT participant (the PSW it concerns). Rows:
// quote_id, participant_id, position (the participant's place in the
// quote's "about" list).
UNWIND $rows AS row
MATCH (q:Quote {study: $study, id: row.quote_id})
USING INDEX q:Quote(study, id)
MATCH (p:Participant {study: $study, id: row.participant_id})
USING INDEX p:Participant(study, id)
MERGE (q)-[a:ABOUT]->(p)
SET a.position = row.position
