// Whether a study is in the database, whether its last load finished, and
// the layout (format) of the graph that load wrote (null before format 2).
OPTIONAL MATCH (s:Study {key: $study})
RETURN s IS NOT NULL AS present, s.status AS status, s.format AS format
