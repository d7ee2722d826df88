// Look-up "participants" for given ids (in the order given; unknown ids give no row).
UNWIND $ids AS pid
MATCH (p:Participant {study: $study, id: pid})
RETURN p.id AS id, p.role AS role, p.subrole AS subrole, p.gender AS gender,
       p.age_band AS age_band, p.diagnosis AS diagnosis, p.agency AS agency,
       p.setting AS setting
