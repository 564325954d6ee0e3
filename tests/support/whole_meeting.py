"""A fictional meeting as the secretariat would fill the whole-meeting template
(meetings.spreadsheet): for tests that import a meeting through the admin, in a browser or not.

The names are those of the 19th meeting's records (the `seeded` fixture), so it imports into
any draft meeting on 8-9 November 2030 once those are loaded; the people are new.
"""

import io

import openpyxl

from meetings.spreadsheet import export

ROWS = {
    "Meeting": [
        ["M", "", "Fictional RTC Heads Meeting", "Training after the pandemic", "2030-11-08",
         "2030-11-09", "Hybrid", "Fictional Customs Academy", "Seoul", "Korea", "about 40", 10,
         "A fictional meeting for tests."],
    ],
    "Participations": [
        ["P1", "ROCB A/P", "Organiser", "In person", "Organised the meeting"],
        ["P2", "Korea", "Host", "In person", "Hosted the meeting"],
        ["P3", "WCO", "Represented", "Online", "WCO Secretariat"],
        *(
            [f"P{n}", name, "Participant", "", "RTC head"]
            for n, name in enumerate(
                ["China", "Fiji", "Hong Kong (China)", "India", "Indonesia", "Japan", "Malaysia"], 4
            )
        ),
        ["P11", "Iran", "Observer", "", ""],
        ["P12", "Thailand", "Observer", "", ""],
        ["P13", "RILO AP", "Observer", "", ""],
    ],
    "Roles": [
        ["R1", 1, "Chair", "Mina Park", "Head of the Fictional Customs Academy", "Korea", "no"],
        ["R2", 2, "Opening", "Norikazu Kuramoto", "Head of ROCB A/P", "ROCB A/P", "no"],
        ["R3", 3, "Closing", "Kang Taeil", "Director of Capacity Building", "WCO", "yes"],
    ],
    "Speakers and remarks": [
        ["S1", 1, "Mina Park", "Korea", "Training after the pandemic", "Blended courses.", ""],
        ["S2", 2, "", "Japan", "AI tutoring pilots", "", ""],
    ],
    "Points": [
        ["D1", 1, "Challenge", "Keeping online learners engaged", "", ""],
        ["D2", 1, "Commitment", "Share course materials", "", "ROCB A/P"],
    ],
    "Sessions": [
        ["SE1", 1, 1, "Opening", "", ""],
        ["SE2", 2, "2030-11-09", "RTC presentations", "", "Each RTC presented its year."],
    ],
    "Presentations": [
        ["PR1", 2, 1, "Japan", "", "AI tutoring pilots"],
    ],
    "Citations": [
        ["M", "S14", "dates", "", ""],
        ["P2", "S14", "", "", ""],
        ["S1", "S15", "", "second paragraph", ""],
    ],
}  # fmt: skip


def fictional_meeting_xlsx():
    """The blank template (so its headings are always the importer's) with ROWS filled in."""
    workbook = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes()))
    for name, rows in ROWS.items():
        for row in rows:
            workbook[name].append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
