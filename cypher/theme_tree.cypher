// Look-up "theme_tree": every theme, its parent and its place in the codebook.
MATCH (t:Theme {study: $study})
WHERE t.id IS NOT NULL  // lets the (study, id) index serve the scan
RETURN t.id AS id, t.name AS name, t.parent_id AS parent_id, t.position AS position
