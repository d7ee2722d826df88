// Table "themes": every column of every theme; position is its place in the codebook.
MATCH (t:Theme {study: $study})
WHERE t.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN t.position AS position, t.id AS id, t.name AS name, t.parent_id AS parent_id,
       t.description AS description, t.color AS color, t.note AS note
