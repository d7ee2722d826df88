// One batch of themes. Rows: id, name, parent_id, position (place in the
// codebook), description, color, note.
UNWIND $rows AS row
MERGE (t:Theme {study: $study, id: row.id})
SET t.name = row.name,
    t.parent_id = row.parent_id,
    t.position = row.position,
    t.description = row.description,
    t.color = row.color,
    t.note = row.note
