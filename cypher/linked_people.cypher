// Look-up "linked_people": everyone with a relationship to or from the
// participant $focal (of role $role only, unless it is null), one row per
// relationship, with the time it holds (start, end; "" = open).
MATCH (focal:Participant {study: $study, id: $focal})-[r]-(other:Participant)
WHERE $role IS NULL OR other.role = $role
RETURN other.id AS participant, other.role AS role, type(r) AS relationship,
       r.start AS start, r.`end` AS `end`
