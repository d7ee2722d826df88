// One batch of occasions (a time point and wave). Rows: id (e.g. T3_1),
// timepoint, wave, order (the time point's order).
UNWIND $rows AS row
MERGE (o:Occasion {study: $study, id: row.id})
SET o.timepoint = row.timepoint,
    o.wave = row.wave,
    o.order = row.order
