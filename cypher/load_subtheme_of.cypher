// One batch of sub-theme links. Rows: id (the sub-theme), parent_id.
UNWIND $rows AS row
MATCH (child:Theme {study: $study, id: row.id})
USING INDEX child:Theme(study, id)
MATCH (parent:Theme {study: $study, id: row.parent_id})
USING INDEX parent:Theme(study, id)
MERGE (child)-[:SUBTHEME_OF]->(parent)
