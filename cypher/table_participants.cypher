// Table "participants": every column of every participant, with the row's
// place in the study's table (the caller sorts by it).
MATCH (p:Participant {study: $study})
WHERE p.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN p.position AS position, p.id AS id, p.role AS role, p.subrole AS subrole,
       p.gender AS gender, p.age_band AS age_band, p.diagnosis AS diagnosis,
       p.agency AS agency, p.setting AS setting, p.note AS note
