// One batch of interviews. Rows: id, timepoint, wave, order, date, note.
UNWIND $rows AS row
MERGE (i:Interview {study: $study, id: row.id})
SET i.timepoint = row.timepoint,
    i.wave = row.wave,
    i.order = row.order,
    i.date = row.date,
    i.note = row.note
