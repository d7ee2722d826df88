// One batch of quote CODED_AS theme, one relationship per coder ("" when
// the coding names none). Rows: quote_id, theme_id, coder.
UNWIND $rows AS row
MATCH (q:Quote {study: $study, id: row.quote_id})
USING INDEX q:Quote(study, id)
MATCH (t:Theme {study: $study, id: row.theme_id})
USING INDEX t:Theme(study, id)
MERGE (q)-[:CODED_AS {coder: row.coder}]->(t)
