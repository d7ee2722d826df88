// Look-up "participants": every participant of the study.
MATCH (p:Participant {study: $study})
WHERE p.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN p.id AS id, p.role AS role, p.subrole AS subrole, p.gender AS gender,
       p.age_band AS age_band, p.diagnosis AS diagnosis, p.agency AS agency,
       p.setting AS setting
