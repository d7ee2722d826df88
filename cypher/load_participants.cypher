// One batch of participants. Rows: position (the row's place in the study's
// participants table), id, role, subrole, gender, age_band, diagnosis,
// agency, setting, note.
UNWIND $rows AS row
MERGE (p:Participant {study: $study, id: row.id})
SET p.position = row.position,
    p.role = row.role,
    p.subrole = row.subrole,
    p.gender = row.gender,
    p.age_band = row.age_band,
    p.diagnosis = row.diagnosis,
    p.agency = row.agency,
    p.setting = row.setting,
    p.note = row.note
