// Table "codings": every quote CODED_AS theme (one per coder), its note and
// the row's place in the study's table.
MATCH (q:Quote {study: $study})-[c:CODED_AS]->(t:Theme)
WHERE q.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN c.position AS position, q.id AS quote_id, t.id AS theme_id, c.coder AS coder, c.note AS note
