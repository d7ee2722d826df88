// One batch of quote CODED_AS theme, one relationship per coder ("" when
// the coding names none). Rows: quote_id, theme_id, coder.
UNWIND $rows AS row
MATCH (q:Quote {study: $study, id: row.quote_id})
MATCH (t:Theme {study: $study, id: row.theme_id})
MERGE (q)-[:CODED_AS {coder: row.coder}]->(t)
