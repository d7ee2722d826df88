// Look-up "relationships": every relationship between two people of the study.
MATCH (s:Participant {study: $study})-[r]->(t:Participant)
RETURN s.id AS source_id, type(r) AS type, t.id AS target_id
