// Look-up "coders": the distinct coders named on the study's codings.
MATCH (q:Quote {study: $study})-[c:CODED_AS]->(:Theme)
WHERE q.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN DISTINCT c.coder AS coder
