// Look-up "quotes" for given quote ids: who said it in which interview, and
// the PSWs it is about (sorted ids; joined with ";" by the caller).
UNWIND $ids AS qid
MATCH (q:Quote {study: $study, id: qid})
MATCH (p:Participant)-[:GAVE]->(i:Interview)-[:HAS_QUOTE]->(q)
RETURN q.id AS id, i.id AS interview_id, p.id AS participant, q.text AS text,
       COLLECT {
         MATCH (q)-[:ABOUT]->(a:Participant)
         RETURN a.id ORDER BY a.id
       } AS about,
       q.stance AS stance, q.citation AS citation
