// One batch of relationships between people, e.g. a service user SERVED_BY
// a PSW. Rows: source_id, type, target_id, start, end (the time point or
// occasion it holds from and until; "" = open), note, position (the row's
// place in the study's relationships table). The type is a parameter used as
// a dynamic relationship type (Neo4j 5.26+); graphstudy passes only the base
// types and the study's declared types, checked against ^[A-Z][A-Z0-9_]*$.
// One pair may hold a type more than once, at different times (the span is
// part of what is merged).
UNWIND $rows AS row
MATCH (s:Participant {study: $study, id: row.source_id})
USING INDEX s:Participant(study, id)
MATCH (t:Participant {study: $study, id: row.target_id})
USING INDEX t:Participant(study, id)
MERGE (s)-[r:$(row.type) {start: row.start, `end`: row.`end`}]->(t)
SET r.note = row.note,
    r.position = row.position
