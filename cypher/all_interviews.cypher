// Look-up "all_interviews": every interview of the study, with who gave it.
MATCH (p:Participant {study: $study})-[:GAVE]->(i:Interview)
WHERE p.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN p.id AS participant, p.role AS role, i.id AS interview_id,
       i.timepoint AS timepoint, i.wave AS wave, i.order AS order, i.date AS date
