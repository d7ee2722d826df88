// Everything a study carries that is not rows: the StudyInfo JSON its load
// wrote on the Study node (see load_study_begin.cypher).
MATCH (s:Study {key: $study})
RETURN s.metadata AS metadata
