// Look-up "all_codings": every coding of the study, one row per coder.
MATCH (p:Participant {study: $study})-[:GAVE]->(i:Interview)-[:HAS_QUOTE]->(q:Quote)-[c:CODED_AS]->(t:Theme)
WHERE p.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN p.id AS participant, p.role AS role, i.id AS interview_id,
       i.timepoint AS timepoint, i.wave AS wave, i.order AS order,
       q.id AS quote_id, t.id AS theme_id, c.coder AS coder
