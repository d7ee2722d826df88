// Remove a study's Study node (after delete_study.cypher removed its records).
MATCH (s:Study {key: $study})
DELETE s
