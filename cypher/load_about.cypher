// One batch of quote ABOUT participant (the PSW it concerns).
// Rows: quote_id, participant_id.
UNWIND $rows AS row
MATCH (q:Quote {study: $study, id: row.quote_id})
MATCH (p:Participant {study: $study, id: row.participant_id})
MERGE (q)-[:ABOUT]->(p)
