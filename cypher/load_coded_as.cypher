// One batch of quote CODED_AS theme, one relationship per coder ("" when
// the coding names none). Rows: quote_id, theme_id, coder, note, position
// (the row's place in the study's codings table).
UNWIND $rows AS row
MATCH (q:Quote {study: $study, id: row.quote_id})
USING INDEX q:Quote(study, id)
MATCH (t:Theme {study: $study, id: row.theme_id})
USING INDEX t:Theme(study, id)
MERGE (q)-[c:CODED_AS {coder: row.coder}]->(t)
SET c.note = row.note,
    c.position = row.position
