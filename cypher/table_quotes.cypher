// Table "quotes": every quote, coded or not, its interview, the participants
// it is ABOUT in the order the study listed them (joined with ";" by the
// caller), and the row's place in the study's table.
MATCH (q:Quote {study: $study})
WHERE q.id IS NOT NULL  // lets the (study, id) index serve the scan
OPTIONAL MATCH (i:Interview)-[:HAS_QUOTE]->(q)
RETURN q.position AS position, q.id AS id, i.id AS interview_id, q.text AS text,
       COLLECT {
         MATCH (q)-[a:ABOUT]->(p:Participant)
         RETURN p.id ORDER BY a.position, p.id
       } AS about,
       q.stance AS stance, q.citation AS citation, q.note AS note
