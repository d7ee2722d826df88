// Look-up "relationships": every relationship between two people of the study,
// with the time it holds (start, end; "" = open).
MATCH (s:Participant {study: $study})-[r]->(t:Participant)
WHERE s.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN s.id AS source_id, type(r) AS type, t.id AS target_id, r.start AS start, r.`end` AS `end`
