// Whether a study is in the database and whether its last load finished.
OPTIONAL MATCH (s:Study {key: $study})
RETURN s IS NOT NULL AS present, s.status AS status
