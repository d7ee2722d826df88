// Table "interviews": every column of every interview, who gave it, and the
// row's place in the study's table.
MATCH (i:Interview {study: $study})
WHERE i.id IS NOT NULL  // lets the (study, id) index serve the scan
OPTIONAL MATCH (p:Participant)-[:GAVE]->(i)
RETURN i.position AS position, i.id AS id, p.id AS participant_id,
       i.timepoint AS timepoint, i.wave AS wave, i.date AS date, i.note AS note
