// Remove one study (its nodes and their relationships) in transactions of
// 10,000 nodes; other studies in the database are untouched. Run in an
// auto-commit transaction (CALL ... IN TRANSACTIONS requires it).
MATCH (n:Participant|Interview|Occasion|Quote|Theme {study: $study})
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
