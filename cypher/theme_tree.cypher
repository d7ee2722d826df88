// Look-up "theme_tree": every theme, its parent and its place in the codebook.
MATCH (t:Theme {study: $study})
RETURN t.id AS id, t.name AS name, t.parent_id AS parent_id, t.position AS position
