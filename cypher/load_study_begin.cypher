// Start (or restart) loading a study: its Study node says "loading" until
// load_study_end.cypher runs after the last batch, so a half-finished load
// is never queried as if it were whole.
MERGE (s:Study {key: $study})
SET s.metadata = $metadata,
    s.status = 'loading',
    s.started_at = datetime()
