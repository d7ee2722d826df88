// Relationship counts of one study, by type (each counted at its start node).
CALL () {
  MATCH (n:Participant {study: $study}) WHERE n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Interview {study: $study}) WHERE n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Occasion {study: $study}) WHERE n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Quote {study: $study}) WHERE n.id IS NOT NULL RETURN n
  UNION ALL
  MATCH (n:Theme {study: $study}) WHERE n.id IS NOT NULL RETURN n
}
MATCH (n)-[r]->()
RETURN type(r) AS kind, count(r) AS n
