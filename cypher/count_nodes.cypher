// Node counts of one study, by label.
CALL () {
  MATCH (n:Participant {study: $study}) RETURN 'Participant' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Interview {study: $study}) RETURN 'Interview' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Occasion {study: $study}) RETURN 'Occasion' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Quote {study: $study}) RETURN 'Quote' AS kind, count(n) AS n
  UNION ALL
  MATCH (n:Theme {study: $study}) RETURN 'Theme' AS kind, count(n) AS n
}
RETURN kind, n
