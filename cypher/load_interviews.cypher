// One batch of interviews. Rows: id, position (the row's place in the
// study's interviews table), timepoint, wave, order, date, note.
UNWIND $rows AS row
MERGE (i:Interview {study: $study, id: row.id})
SET i.position = row.position,
    i.timepoint = row.timepoint,
    i.wave = row.wave,
    i.order = row.order,
    i.date = row.date,
    i.note = row.note
