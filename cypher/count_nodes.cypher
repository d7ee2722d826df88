// Node counts of one study, by label. "WHERE n.id IS NOT NULL" lets the
// (study, id) index serve each scan.
CALL () {
  MATCH (n:Participant {study: $study}) WHERE n.id IS NOT NULL RETURN 'Participant' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Interview {study: $study}) WHERE n.id IS NOT NULL RETURN 'Interview' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Occasion {study: $study}) WHERE n.id IS NOT NULL RETURN 'Occasion' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Quote {study: $study}) WHERE n.id IS NOT NULL RETURN 'Quote' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Theme {study: $study}) WHERE n.id IS NOT NULL RETURN 'Theme' AS kind, count(n) AS n
}
RETURN kind, n
