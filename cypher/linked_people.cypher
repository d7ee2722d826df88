// Look-up "linked_people": everyone with a relationship to the PSW $psw
// (of role $role only, unless it is null), one row per relationship type.
MATCH (other:Participant)-[r]->(psw:Participant {study: $study, id: $psw})
WHERE $role IS NULL OR other.role = $role
RETURN other.id AS participant, other.role AS role, type(r) AS relationship
