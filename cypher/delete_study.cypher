// Remove one study (its nodes and their relationships) in transactions of
// 10,000 nodes; other studies in the database are untouched. Run in an
// auto-commit transaction (CALL ... IN TRANSACTIONS requires it).
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
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
