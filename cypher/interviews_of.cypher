// Look-up "interviews_of": each interview the given participants gave.
UNWIND $participants AS pid
MATCH (p:Participant {study: $study, id: pid})-[:GAVE]->(i:Interview)
RETURN pid AS participant, i.id AS interview_id, i.timepoint AS timepoint,
       i.wave AS wave, i.order AS order
