// Wait (up to 300 s) until every index and constraint is online.
CALL db.awaitIndexes(300)
