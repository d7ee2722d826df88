"""Participants, their interviews' occasions, ``about`` and relationships from a REFI-QDA project.

The part of :class:`~graphstudy.refi_qda.reader` that reads people: named
cases are participants (their variables give role, gender, age band, ...); a
nameless case with one ``SourceRef`` holds that document's variables (MAXQDA,
Quirkos); a case's ``SelectionRef`` makes the quote ``about`` that PSW; links
between cases are relationships. Which source is whose interview at which
occasion comes, in this order of precedence, from the mapping CSV, the source
pattern, the case that refers to the source, and the source's variables.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .mapping import PARTICIPANT_FIELDS, lookup, match_source, normalise_role, variable_field

__all__ = ["PeopleReader"]


class PeopleReader:
    """Mixed into the reader: everything about people. Needs ``proj``, ``add``, ``notes``,
    ``rows``, ``pattern``, ``mapping``, ``mapping_guids``, ``mapped``, ``default_role``,
    ``settings``, ``quote_selections`` and ``unknown_vars`` from it."""

    def cases(self):
        people: dict[str, dict] = {}
        owner: dict[str, list[str]] = defaultdict(list)
        doc_vars: dict[str, dict[str, str]] = {}
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
        for name, (value, where) in variables.items():
            field = variable_field(name)
            if field in PARTICIPANT_FIELDS:
                value = normalise_role(value) if field == "role" and value else value
                if value and not person.get(field):
                    person[field] = value
            elif field is not None:
                interview[field] = value
            elif name not in self.unknown_vars:
                self.unknown_vars.add(name)
                self.add("VariableValue", where, "VariableRef", f"variable '{name}' is not kept; graphstudy reads "
                         f"{', '.join(PARTICIPANT_FIELDS)}, participant, timepoint, wave and date", "warning")
        return interview

    def assign(self, src, key: str, fields: dict[str, str]) -> dict[str, str] | None:
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
            got["role"] = normalise_role(got["role"])
        return got

    def about_and_roles(self) -> None:
        default = self.default_role
        defaulted = [pid for pid, p in self.people.items() if not p.get("role")]
        if defaulted and default:
            for pid in defaulted:
                self.people[pid]["role"] = default
            self.add("Case", None, "role", f"no role for {len(defaulted)} participant(s) ({', '.join(defaulted[:10])}"
                     f"{', ...' if len(defaulted) > 10 else ''}); taken as '{default}'. Give roles in --mapping, a (?P<role>...) "
                     "group in --source-pattern, or a role variable on the case", "warning")
        ignored = 0
        for quote in self.rows["quotes"]:
            people = [pid for g in self.quote_selections.get(quote["id"], []) for pid in self.about.get(g, [])]
            psws = sorted(pid for pid in set(people) if self.people.get(pid, {}).get("role") == "psw")
            ignored += len(set(people)) - len(psws)
            order = str((self.settings or {"quotes": {}})["quotes"].get(quote["id"], {}).get("about", "")).split(";")
            quote["about"] = ";".join(order if sorted(order) == psws else psws)
        if ignored:
            self.add("Case", None, "SelectionRef", f"{ignored} selection references of cases that are not PSWs are not kept "
                     "('about' names PSWs only)", "warning")

    def relationships(self) -> None:
        skipped = 0
        for link in self.proj.links:
            if link.origin in self.case_pid and link.target in self.case_pid:
                rtype = re.sub(r"[^0-9A-Za-z]+", "_", link.name).strip("_").upper()
                self.rows["relationships"].append({"_row": link.where, "source_id": self.case_pid[link.origin], "type": rtype,
                                                   "target_id": self.case_pid[link.target], "note": self.notes(link.note_refs)})
            else:
                skipped += 1
        if skipped:
            self.add("Link", None, None, f"{skipped} links not between two cases are not loaded", "warning")
