// Relationship counts of one study, by type (each counted at its start node).
MATCH (n:Participant|Interview|Occasion|Quote|Theme {study: $study})-[r]->()
RETURN type(r) AS kind, count(r) AS n
