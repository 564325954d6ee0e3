"""The public record's entries by the keys that other entries name them by, and the check that
every such reference (a source tag, a body, a person, a programme, an RTC) names an entry.

Invariant: `check` runs on the record as read, before anything is written, and reports every
broken reference at once, each with its file and line; the loader writes nothing until it
passes.
"""

from .reader import RecordError


class RecordIndex:
    """The record read, with the meetings chosen (all of them, or those numbered `numbers`) and
    the shared files' entries by key: `source_entries` by tag, `body_entries` by slug..."""

    def __init__(self, record, numbers=None):
        self.record = record
        self.meetings = [
            data
            for number, data in sorted(record.meetings.items())
            if not numbers or number in numbers
        ]
        if numbers and len(self.meetings) != len(set(numbers)):
            missing = sorted(set(numbers) - set(record.meetings))
            raise RecordError([f"meetings/: no file for meeting number(s) {missing}"])
        # Only some meetings: then only what they refer to from the shared files.
        self.whole = not numbers
        files = record.files
        self.source_entries = {entry["tag"]: entry for entry in files["sources.yaml"]["sources"]}
        self.body_entries = {entry["slug"]: entry for entry in files["bodies.yaml"]["bodies"]}
        self.person_entries = {
            entry["name"]: entry for entry in files["bodies.yaml"].get("people", [])
        }
        vocabulary = files["vocabulary.yaml"]
        self.category_entries = {e["slug"]: e for e in vocabulary.get("categories", [])}
        self.partner_entries = {e["name"]: e for e in vocabulary.get("partners", [])}
        self.programme_entries = {e["slug"]: e for e in vocabulary.get("programmes", [])}
        self.rtc_entries = {entry["slug"]: entry for entry in files["rtcs.yaml"]["rtcs"]}

    def check(self):
        """Raises RecordError naming every reference to an entry the record lacks, and every
        meeting that ends before it starts, each with its file and line."""
        problems = []
        bodies = self.body_entries

        def expect(names, known, kind, where, entry):
            for name in names if isinstance(names, list) else [names]:
                if name and name not in known:
                    line = entry.key_lines.get(kind, entry.line) if entry is not None else 1
                    problems.append(f"{where}, line {line}: unknown {kind} '{name}'")

        for name, entries, checks in self.shared_checks():
            for entry in entries:
                for key, known in checks:
                    if key in entry:
                        expect(entry[key], known, key, name, entry)
        for rtc in self.rtc_entries.values():
            for kind in ("accreditations", "institutions"):
                for entry in rtc.get(kind, []):
                    expect(entry.get("cite", []), self.source_entries, "cite", "rtcs.yaml", entry)
            for disagreement in rtc.get("disagreements", []):
                for version in disagreement["versions"]:
                    expect(version["source"], self.source_entries, "source", "rtcs.yaml", version)
        for meeting in self.meetings:
            where = f"meetings/{meeting.path.name}"
            for tags in meeting.get("cite", {}).values():
                expect(tags, self.source_entries, "cite", where, meeting)
            for kind, key, known in self.meeting_checks():
                for entry in meeting.get(kind, []):
                    if key in entry:
                        expect(entry[key], known, key, where, entry)
            for disagreement in meeting.get("disagreements", []):
                for version in disagreement["versions"]:
                    expect(version["source"], self.source_entries, "source", where, version)
            for session in meeting.get("sessions", []):
                for entry in session.get("presentations", []):
                    expect(entry["body"], bodies, "body", where, entry)
                    expect(entry.get("speaker"), self.person_entries, "speaker", where, entry)
                    expect(entry.get("cite", []), self.source_entries, "cite", where, entry)
            if meeting["end_date"] < meeting["start_date"]:
                problems.append(f"{where}, line {meeting.line}: it ends before it starts")
        if problems:
            raise RecordError(problems)

    def shared_checks(self):
        files = self.record.files
        return [
            ("bodies.yaml", files["bodies.yaml"].get("people", []), [("body", self.body_entries)]),
            (
                "bodies.yaml",
                files["bodies.yaml"].get("regional_roles", []),
                [("body", self.body_entries), ("cite", self.source_entries)],
            ),
            (
                "vocabulary.yaml",
                files["vocabulary.yaml"].get("programmes", []),
                [("body", self.body_entries), ("cite", self.source_entries)],
            ),
            (
                "rtcs.yaml",
                files["rtcs.yaml"]["rtcs"],
                [("host", self.body_entries), ("cite", self.source_entries)],
            ),
        ]

    def meeting_checks(self):
        bodies, sources = self.body_entries, self.source_entries
        return [
            ("participations", "body", bodies),
            ("participations", "cite", sources),
            ("roles", "person", self.person_entries),
            ("roles", "body", bodies),
            ("roles", "cite", sources),
            ("sessions", "cite", sources),
            ("interventions", "speaker", self.person_entries),
            ("interventions", "body", bodies),
            ("interventions", "programmes", self.programme_entries),
            ("interventions", "cite", sources),
            ("discussion_points", "body", bodies),
            ("discussion_points", "cite", sources),
            ("initiatives", "rtc", self.rtc_entries),
            ("initiatives", "categories", self.category_entries),
            ("initiatives", "partners", self.partner_entries),
            ("initiatives", "cite", sources),
        ]
