"""Participants, their roles, interviews' occasions, ``about`` and relationships from a REFI-QDA project.

The part of :class:`~graphstudy.refi_qda.reader` that reads people: named
cases are participants (their variables give role, gender, age band, ...); a
nameless case with one ``SourceRef`` holds that document's variables (MAXQDA,
Quirkos); a case's ``SelectionRef`` makes the quote ``about`` that
participant; links between cases are relationships. Which source is whose
interview at which occasion comes, in this order of precedence, from the
mapping CSV, the source pattern, the case that refers to the source, and the
source's variables.

The study's roles are the roles found (their first spelling is the label:
``Family carer`` is role ``family_carer``, labelled "Family carer"), or, in a
project graphstudy wrote, the roles its settings note declares. When every
role found is one of the default vocabulary's, the study keeps that
vocabulary. ``focal_roles`` (``--focal-role``) says whose members are the
centres of dyads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..vocabulary import BASE_RELATIONSHIP_TYPES, DEFAULT_ROLES
from .mapping import PARTICIPANT_FIELDS, SourceMap, lookup, match_source, normalise_role, variable_field
from .project import Project

__all__ = ["PeopleReader"]

_DEFAULT_IDS = [r.id for r in DEFAULT_ROLES]


class PeopleReader:
    """Mixed into the reader: everything about people."""

    proj: Project
    rows: dict[str, list[dict]]
    pattern: re.Pattern | None
    mapping: dict[str, SourceMap]
    mapping_guids: dict[str, SourceMap]
    mapped: set[int]
    default_role: str | None
    settings: dict | None
    quote_selections: dict[str, list[str]]
    unknown_vars: set[str]
    role_labels: dict[str, str]

    def add(self, tag: str, elem_where: int | None, column: str | None, message: str, severity: str = "error") -> None:
        raise NotImplementedError

    def notes(self, refs: list[str]) -> str:
        raise NotImplementedError

    # ---- roles ----------------------------------------------------------
    def role_id(self, value: str) -> str:
        """A role as written in the project, as the study's id (remembering the first spelling as its label)."""
        value = value.strip()
        declared = [r["id"] for r in (self.settings or {}).get("roles") or []]
        if value in declared:
            return value
        rid = normalise_role(value)
        by_label = {str(r.get("label", "")).strip().lower(): r["id"] for r in (self.settings or {}).get("roles") or []}
        rid = by_label.get(value.lower(), rid)
        if rid and value and rid != value:
            self.role_labels.setdefault(rid, value)
        return rid

    def vocabulary(self, focal_roles: tuple[str, ...]) -> list[dict[str, Any]] | None:
        """The roles the study declares (None: the default vocabulary)."""
        settings_roles = (self.settings or {}).get("roles")
        found = list(dict.fromkeys(p["role"] for p in self.people.values() if p.get("role")))
        focal = tuple(f if f in found else normalise_role(f) for f in focal_roles)
        if settings_roles and not focal:
            return list(settings_roles)
        if settings_roles:
            return [dict(r, focal=r["id"] in focal) for r in settings_roles]
        if all(r in _DEFAULT_IDS for r in found) and set(focal) <= set(_DEFAULT_IDS):
            if not focal or set(focal) == {r.id for r in DEFAULT_ROLES if r.focal}:
                return None
            return [dict(r.to_dict(), focal=r.id in focal) for r in DEFAULT_ROLES]
        for f in focal:
            if f not in found:
                self.add("Case", None, "role", f"--focal-role {f}: no participant has the role '{f}' (roles found: "
                         f"{', '.join(found) or 'none'})", "warning")
                found.append(f)
        if not focal:
            self.add("Case", None, "role", f"no role is focal, so no one is the centre of a dyad; give --focal-role with one "
                     f"of the roles found: {', '.join(found)}", "warning")
        return [{"id": r, "label": self.role_labels.get(r, ""), "focal": r in focal} for r in found]

    # ---- cases ----------------------------------------------------------
    def cases(self) -> None:
        people: dict[str, dict] = {}
        owner: dict[str, list[str]] = defaultdict(list)
        doc_vars: dict[str, dict[str, tuple[str, int]]] = {}
        case_pid: dict[str, str] = {}
        about: dict[str, list[str]] = defaultdict(list)
        for case in self.proj.cases:
            if not case.name:
                if len(case.source_refs) == 1:  # MAXQDA/Quirkos: a document's variables
                    doc_vars.setdefault(case.source_refs[0], {}).update(case.variables)
                    continue
                if not case.source_refs and not case.selection_refs:
                    continue
                self.add("Case", case.where, "name", f"a case without a name refers to {len(case.source_refs)} sources; "
                         f"it is taken as participant '{case.guid}'", "warning")
            pid = case.name or case.guid
            case_pid[case.guid] = pid
            person = people.setdefault(pid, {"_row": case.where, "id": pid, "note": case.description})
            self.apply_variables(person, case.variables)
            for ref in case.source_refs:
                owner[ref].append(pid)
            for ref in case.selection_refs:
                about[ref].append(pid)
        self.people, self.owner, self.doc_vars, self.case_pid, self.about = people, owner, doc_vars, case_pid, about

    def apply_variables(self, person: dict, variables: dict[str, tuple[str, int]]) -> dict[str, str]:
        """Put participant attributes into ``person`` (blanks only); return the interview fields."""
        interview: dict[str, str] = {}
        for name, (given, where) in variables.items():
            field = variable_field(name)
            if field in PARTICIPANT_FIELDS:
                value = self.role_id(given) if field == "role" and given else given
                if value and not person.get(field):
                    person[field] = value
            elif field is not None:
                interview[field] = given
            elif name not in self.unknown_vars:
                self.unknown_vars.add(name)
                self.add("VariableValue", where, "VariableRef", f"variable '{name}' is not kept; graphstudy reads "
                         f"{', '.join(PARTICIPANT_FIELDS)}, participant, timepoint, wave and date", "warning")
        return interview

    def assign(self, src, key: str, fields: dict[str, str]) -> dict[str, str]:
        got = {"participant_id": "", "role": "", "timepoint": fields.get("timepoint", ""), "wave": fields.get("wave", "")}
        owners = self.owner.get(src.guid, [])
        if len(owners) > 1:
            self.add("TextSource", src.where, "SourceRef", f"source '{key}' belongs to the cases {', '.join(owners)}; "
                     "an interview has one participant (map it with --mapping)")
        if owners:
            got["participant_id"] = owners[0]
        if fields.get("participant_id"):
            got["participant_id"] = fields["participant_id"]
        if fields.get("role"):
            got["role"] = fields["role"]
        if self.pattern is not None:
            m = match_source(self.pattern, key)
            if m:
                got.update({k if k != "participant" else "participant_id": v for k, v in m.items() if k in ("participant", "role", "timepoint", "wave")})
            else:
                got["hint"] = "--source-pattern does not match the whole name"
        row = lookup(self.mapping, self.mapping_guids, key, src.guid)
        if row is not None:
            self.mapped.add(id(row))
            got.update({k: v for k, v in (("participant_id", row.participant_id), ("role", row.role),
                                           ("timepoint", row.timepoint), ("wave", row.wave)) if v})
        if got["role"]:
            got["role"] = self.role_id(got["role"])
        return got

    def about_and_roles(self, roles: list[dict] | None) -> None:
        """Give participants without a role the default one (default vocabulary only), and each quote its ``about``."""
        default = self.default_role if roles is None else None
        defaulted = [pid for pid, p in self.people.items() if not p.get("role")]
        if defaulted and default:
            for pid in defaulted:
                self.people[pid]["role"] = default
            self.add("Case", None, "role", f"no role for {len(defaulted)} participant(s) ({', '.join(defaulted[:10])}"
                     f"{', ...' if len(defaulted) > 10 else ''}); taken as '{default}'. Give roles in --mapping, a (?P<role>...) "
                     "group in --source-pattern, or a role variable on the case", "warning")
        known_quotes = (self.settings or {"quotes": {}})["quotes"]
        for quote in self.rows["quotes"]:
            people = sorted({pid for g in self.quote_selections.get(quote["id"], []) for pid in self.about.get(g, [])})
            order = [x for x in str(known_quotes.get(quote["id"], {}).get("about", "")).split(";") if x]
            quote["about"] = ";".join(order if sorted(order) == people else people)

    def relationship_types(self) -> list:
        """The settings note's relationship types, and each link type found that is not among them (with a warning)."""
        declared = list((self.settings or {}).get("relationship_types") or [])
        known = set(BASE_RELATIONSHIP_TYPES) | {t if isinstance(t, str) else t.get("id") for t in declared}
        found: dict[str, str] = {}
        for row in self.rows["relationships"]:
            if row["type"] and row["type"] not in known:
                found.setdefault(row["type"], row.pop("_name", row["type"]))
        for tid, name in found.items():
            self.add("Link", None, "name", f"links named '{name}' are relationships of type {tid}, which the project "
                     "declares (a type with no roles to check)", "warning")
        for row in self.rows["relationships"]:
            row.pop("_name", None)
        return declared + list(found)

    def relationships(self) -> None:
        skipped = 0
        spans = (self.settings or {}).get("relationships") or {}
        for link in self.proj.links:
            if link.origin in self.case_pid and link.target in self.case_pid:
                rtype = re.sub(r"[^0-9A-Za-z]+", "_", link.name).strip("_").upper()
                span = spans.get(link.guid, {}) if isinstance(spans.get(link.guid), dict) else {}
                self.rows["relationships"].append({"_row": link.where, "source_id": self.case_pid[link.origin], "type": rtype,
                                                   "target_id": self.case_pid[link.target], "start": str(span.get("start", "")),
                                                   "end": str(span.get("end", "")), "note": self.notes(link.note_refs),
                                                   "_name": link.name})
            else:
                skipped += 1
        if skipped:
            self.add("Link", None, None, f"{skipped} links not between two cases are not loaded", "warning")
