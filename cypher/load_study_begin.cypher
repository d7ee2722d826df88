// Start (or restart) loading a study: its Study node says "loading" until
// load_study_end.cypher runs after the last batch, so a half-finished load
// is never queried as if it were whole. $metadata is the study's StudyInfo
// as JSON (graphstudy.model.StudyInfo.to_dict), read back by study_info.cypher.
MERGE (s:Study {key: $study})
SET s.metadata = $metadata,
    s.status = 'loading',
    s.started_at = datetime()
