// Every study in the database, with the state of its last load.
MATCH (s:Study)
RETURN s.key AS study, s.status AS status, toString(s.completed_at) AS completed_at
ORDER BY study
