// One batch of quotes. Rows: id, text, stance, citation, note.
UNWIND $rows AS row
MERGE (q:Quote {study: $study, id: row.id})
SET q.text = row.text,
    q.stance = row.stance,
    q.citation = row.citation,
    q.note = row.note
