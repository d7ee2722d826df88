// Look-up "codings_of": the given participants' quotes (only those ABOUT the
// participant $about, unless it is null), one row per theme the quote is
// coded as and coder who coded it so ("" when the coding names none), with
// the people each quote is about (sorted ids; joined with ";" by the caller).
UNWIND $participants AS pid
MATCH (p:Participant {study: $study, id: pid})-[:GAVE]->(i:Interview)-[:HAS_QUOTE]->(q:Quote)
WHERE $about IS NULL
   OR EXISTS { MATCH (q)-[:ABOUT]->(:Participant {study: $study, id: $about}) }
MATCH (q)-[c:CODED_AS]->(t:Theme)
RETURN pid AS participant, i.id AS interview_id, i.timepoint AS timepoint,
       i.wave AS wave, i.order AS order, q.id AS quote_id, q.stance AS stance,
       COLLECT {
         MATCH (q)-[:ABOUT]->(a:Participant)
         RETURN a.id ORDER BY a.id
       } AS about,
       t.id AS theme_id, c.coder AS coder
