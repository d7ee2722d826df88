// One batch of quotes. Rows: id, position (the row's place in the study's
// quotes table), text, stance, citation, note.
UNWIND $rows AS row
MERGE (q:Quote {study: $study, id: row.id})
SET q.position = row.position,
    q.text = row.text,
    q.stance = row.stance,
    q.citation = row.citation,
    q.note = row.note
