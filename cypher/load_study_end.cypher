// Mark a study's load complete (after its last batch committed).
MATCH (s:Study {key: $study})
SET s.status = 'complete',
    s.completed_at = datetime()
RETURN s.key AS study
