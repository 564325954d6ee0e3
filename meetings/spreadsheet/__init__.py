"""A whole meeting in one spreadsheet: who took part, who chaired and opened it, who said what,
the points discussed, the programme's sessions and who presented in them, what the accounts do
not say, and which source supports which row, one sheet per kind; and the bodies and sources the
file adds. From the meetings list, a file creates the meeting it describes.

The same sheets come as an XLSX workbook or as a ZIP of CSV files, one per sheet (a CSV holds
one table; one file per sheet keeps each a plain table that opens in any spreadsheet, where one
CSV mixing kinds would need a column saying which columns apply to each line).

Invariants:
- All or nothing: the file is checked whole, then written in one transaction; one bad row
  anywhere and nothing is written. The dry run runs the very same writes and rolls them back.
- Rows are matched to what the meeting already has by what makes each unique (a body's
  participation, a person's part, a body's remark on a topic, a point's kind and text, a
  session's place in the programme, a presentation's session, body and topic, a citation's
  source and fact), so a round trip of an unedited export changes nothing.
  Records the file does not mention are kept, and the dry run lists them.
- Bodies, programmes and sources are named as on record (the nearest known names for any
  other), or, for bodies and sources, as a row of the New bodies or New sources sheet, which
  adds them as drafts; people may be new, unless the name is close to someone on record.
- No status changes here: the meeting keeps its status (one the file creates is a draft), and
  nothing this file creates can be published on its own (participations, speakers and points
  are public with their meeting; new bodies and sources are drafts).
- Each row may carry a "ref" (P1, S2, ...) that the citations sheet points at.

Its modules, each building only on those listed above it:
- sheets: the sheets, their columns, and what each sheet holds of a meeting;
- export: a meeting (or a blank template) written as an XLSX workbook or a ZIP of CSV files;
- reading: a file read back into numbered rows, sheet by sheet;
- rows: a row read cell by cell into values, with the lookups that resolve names;
- importer: the rows checked, matched to the meeting's records and written, all or nothing;
- admin: the meeting admin's buttons and pages for all of the above.
"""
