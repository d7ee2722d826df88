// Mark a study's load complete (after its last batch committed). $format is
// the layout of the graph the load wrote (graphstudy.engines.neo4j.load.GRAPH_FORMAT).
MATCH (s:Study {key: $study})
SET s.status = 'complete',
    s.format = $format,
    s.completed_at = datetime()
RETURN s.key AS study
