// Look-up "all_interviews": every interview of the study, with who gave it.
MATCH (p:Participant {study: $study})-[:GAVE]->(i:Interview)
RETURN p.id AS participant, p.role AS role, i.id AS interview_id,
       i.timepoint AS timepoint, i.wave AS wave, i.order AS order
