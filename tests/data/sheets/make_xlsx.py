#!/usr/bin/python3
"""Writes the .xlsx test workbooks of tests/engine/sheet/xlsx_sheet_test.cpp.

    /usr/bin/python3 tests/data/sheets/make_xlsx.py     (Debian's python3, with python3-openpyxl)

Two kinds, both committed, so the tests need neither Python nor openpyxl:

- Workbooks made by another program than ours (openpyxl) from the text sheets here, as an office
  would keep them in Excel: NAME.xlsx from NAME.txt, each line a row, each tab-separated field a
  cell in column A, B, C...; a section label merged over the rows under it (スケジュール over its
  period rows); line breaks typed in cells (Alt+Enter) between checkbox items and sentences.
  They must import as the .txt does. higashi-typed.xlsx is the seed as a person would type it
  into Excel: one task per line in the schedule and progress cells, with □, ☐, ・ or nothing
  before each, and no HTML.
  openpyxl writes strings into the cells (inline strings); kita, minami and higashi-typed have
  theirs moved to xl/sharedStrings.xml afterwards, as Excel and LibreOffice keep them.
- Small workbooks written part by part with zipfile under xlsx/, for what openpyxl does not write
  (rich text, phonetic guides, inline strings, _x000D_, rows and cells without numbers) and for
  each error the reader gives.

Entries carry a fixed date, so running the script again gives the same bytes.
"""

import datetime
import io
import os
import re
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_DATE = (2026, 4, 1, 0, 0, 0)
CHECKBOX = '<input type="checkbox"/>'


def deterministic(data):
    """The same zip with every entry dated FIXED_DATE, in the same order, deflated."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def with_shared_strings(data):
    """The workbook with its strings in xl/sharedStrings.xml, as Excel and LibreOffice keep them,
    instead of in the cells (t="inlineStr"), as openpyxl writes them."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    strings = []

    def shared(match):
        strings.append(match.group(3))
        return f'<c {match.group(1)}t="s"{match.group(2)}><v>{len(strings) - 1}</v></c>'

    for part in [name for name in parts if name.startswith("xl/worksheets/")]:
        parts[part] = re.sub(r'<c ([^>]*)t="inlineStr"([^>]*)><is>(.*?)</is></c>', shared,
                             parts[part].decode("utf-8")).encode("utf-8")
    parts["xl/sharedStrings.xml"] = shared_strings_xml(strings).encode("utf-8")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{RELATIONSHIP_TYPE}sharedStrings" Target="sharedStrings.xml" '
        'Id="rIdStrings"/></Relationships>'.encode("utf-8"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)
    return out.getvalue()


def save(workbook, name, strings="inline"):
    workbook.properties.created = datetime.datetime(2026, 4, 1)
    workbook.properties.modified = datetime.datetime(2026, 4, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    if strings == "shared":
        data = with_shared_strings(data)
    with open(os.path.join(HERE, name), "wb") as file:
        file.write(deterministic(data))


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        text = file.read().replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def with_line_breaks(field):
    """A field as typed in a cell with Alt+Enter: each checkbox item, each sentence of a list,
    and a city plan's name on lines of their own. It reads as the field does."""
    field = field.replace(" " + CHECKBOX, "\n" + CHECKBOX)
    field = field.replace("。 ", "。\n")
    if field.endswith("計画") and " " in field:
        field = field.replace("基本 計画", "基本\n計画")
    return field


def new_workbook(rows, title):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    workbook.properties.creator = "make_xlsx.py"
    for row_number, fields in enumerate(rows, start=1):
        for column, field in enumerate(fields, start=1):
            if field == "":
                continue
            cell = sheet.cell(row=row_number, column=column)
            cell.value = field
            cell.data_type = "s"  # never a formula or a number: the text as written
            if "\n" in field:
                cell.alignment = openpyxl.styles.Alignment(wrap_text=True)
    return workbook


def merge_section_labels(sheet, rows):
    """Merges column A of a labelled row over the rows under it that continue its section (their
    first field empty, another not), as offices lay the sheet out."""
    row_number = 1
    while row_number <= len(rows):
        fields = rows[row_number - 1]
        end = row_number
        if fields[0].strip():
            while end < len(rows):
                below = rows[end]
                if below[0].strip() or not any(field.strip() for field in below[1:]):
                    break
                end += 1
        if end > row_number:
            sheet.merge_cells(start_row=row_number, start_column=1, end_row=end, end_column=1)
        row_number = end + 1


def from_text_sheet(name):
    rows = rows_of(os.path.join(HERE, name + ".txt"))
    rows = [[with_line_breaks(field) for field in fields] for fields in rows]
    workbook = new_workbook(rows, "重要取組シート")
    merge_section_labels(workbook.active, rows)
    # A second sheet after the first: only the first is read.
    notes = workbook.create_sheet("メモ")
    notes["A1"] = "担当者は後日記入"
    # openpyxl writes strings in the cells; half the workbooks keep them shared, as Excel does.
    save(workbook, name + ".xlsx", "shared" if name in ("kita", "minami") else "inline")


def typed_items(field, mark):
    """A checkbox cell as a person types it: one item a line, each after `mark`."""
    items = [item.strip() for item in field.split(CHECKBOX) if item.strip()]
    return "\n".join(mark + item for item in items)


def typed_higashi():
    rows = rows_of(os.path.join(HERE, "higashi.txt"))
    marks = ["", "□", "・", "☐ "]  # by period row: 前期, 中期, 後期, 次年度以降
    section = None
    period_index = 0
    for fields in rows:
        if fields[0].strip():
            section = re.sub(r"\s", "", fields[0])
            period_index = 0
        if section in ("スケジュール", "進捗の状況") and len(fields) > 2:
            fields[1] = fields[1].replace(" ", "\n", 1)  # 前期\n(~7月)
            fields[2] = typed_items(fields[2], marks[period_index % len(marks)])
            period_index += 1
        elif section == "現状・課題" and len(fields) > 1:
            fields[1] = fields[1].replace('<ul style="list-style-type: none">', "").strip()
            fields[1] = fields[1].replace("。 ", "。\n")
    workbook = new_workbook(rows, "Sheet1")
    merge_section_labels(workbook.active, rows)
    save(workbook, "higashi-typed.xlsx", "shared")


# Hand-written workbooks: the parts every workbook has, and what a test gives.

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
</Types>"""

PACKAGE_RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

RELATIONSHIP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def workbook_xml(sheets):
    entries = "".join(
        f'<sheet name="{name}" sheetId="{number}" r:id="{rid}"/>'
        for number, (name, rid) in enumerate(sheets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{entries}</sheets></workbook>")


def relationships_xml(relationships):
    entries = "".join(
        f'<Relationship Id="{rid}" Type="{RELATIONSHIP_TYPE}{kind}" Target="{target}"/>'
        for rid, kind, target in relationships)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{entries}</Relationships>")


def sheet_xml(rows):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>")


def shared_strings_xml(items):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(items)}" uniqueCount="{len(items)}">'
            + "".join(f"<si>{item}</si>" for item in items) + "</sst>")


STANDARD_RELATIONSHIPS = [("rId1", "worksheet", "worksheets/sheet1.xml"),
                          ("rId2", "sharedStrings", "sharedStrings.xml")]


def write_parts(name, parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            entry = zipfile.ZipInfo(part, FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, content.encode("utf-8") if isinstance(content, str) else content)
    os.makedirs(os.path.join(HERE, "xlsx"), exist_ok=True)
    with open(os.path.join(HERE, "xlsx", name), "wb") as file:
        file.write(out.getvalue())


def workbook_parts(rows, strings=None, sheets=None, relationships=None, sheet_part=None):
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELATIONSHIPS,
        "xl/workbook.xml": workbook_xml(sheets or [("Sheet1", "rId1")]),
        "xl/_rels/workbook.xml.rels": relationships_xml(relationships or STANDARD_RELATIONSHIPS),
        "xl/worksheets/sheet1.xml": sheet_part or sheet_xml(rows),
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings_xml(strings)
    return parts


def hand_written():
    # Every kind of cell, and rows and cells placed without numbers.
    strings = [
        "<t>取組項目</t>",
        # Rich text runs, and the furigana Japanese Excel keeps beside them (not part of it).
        '<r><rPr><b/></rPr><t>地域共生社会の</t></r><r><t xml:space="preserve">実現 </t></r>'
        '<r><t>に向けて</t></r><rPh sb="0" eb="2"><t>チイキ</t></rPh><phoneticPr fontId="1"/>',
        # A line break as Excel writes one: CR as _x000D_, then LF.
        "<t>会議の開催（4月）_x000D_\n名簿の更新（5月）</t>",
        "<t>\ttab&amp;&lt;amp&gt;</t>",
    ]
    rows = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="C3" t="s"><v>2</v></c><c r="AA3" t="inlineStr"><is><t>inline</t></is></c></row>'
        # Numbers as Excel shows them, a boolean, a formula's cached string, an error.
        '<row r="4"><c r="A4"><v>2025</v></c><c r="B4"><v>14.199999999999999</v></c>'
        '<c r="C4" t="b"><v>1</v></c><c r="D4" t="str"><f>A1</f><v>取組項目</v></c>'
        '<c r="E4" t="e"><v>#N/A</v></c><c r="F4" s="1"/><c r="G4" t="n"><v>1E-3</v></c>'
        # Not a number, though the cell says so: kept, with its line break and tab as any text's.
        '<c r="H4"><v>1,5&#10;x&#9;y</v></c></row>'
        # No row number: the row after 4; no cell references: the columns after the last.
        '<row><c t="s"><v>3</v></c><c t="inlineStr"><is><r><t>rich</t></r><r><t> inline</t></r></is></c></row>'
        '<row r="7"><c r="B7" t="inlineStr"><is><t>_x0041_x_x005F_x0041_</t></is></c></row>')
    write_parts("cells.xlsx", workbook_parts(rows, strings))

    # Errors, one a workbook.
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    write_parts("no-workbook.xlsx", {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELATIONSHIPS})
    parts = workbook_parts(rows, ["<t>a</t>"])
    del parts["xl/worksheets/sheet1.xml"]
    write_parts("missing-sheet.xlsx", parts)
    twelve = [f"<t>string {n}</t>" for n in range(12)]
    write_parts("bad-shared-string.xlsx", workbook_parts(
        '<row r="7"><c r="C7" t="s"><v>999</v></c></row>', twelve))
    # 17 MiB of spaces in one string: about 17 KB deflated.
    huge = "<t>" + " " * (17 * 1024 * 1024) + "</t>"
    write_parts("oversized-shared-strings.xlsx", workbook_parts(rows, [huge]))
    write_parts("malformed-xml.xlsx", workbook_parts(
        rows, ["<t>a</t>"], sheet_part=sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></row>')))
    write_parts("bad-reference.xlsx", workbook_parts(
        '<row r="7"><c r="XFE7" t="s"><v>0</v></c></row>', ["<t>a</t>"]))
    write_parts("bad-row.xlsx", workbook_parts(
        '<row r="1048577"><c t="s"><v>0</v></c></row>', ["<t>a</t>"]))
    write_parts("empty-sheet.xlsx", workbook_parts('<row r="1"><c r="A1" s="1"/></row>',
                                                   relationships=STANDARD_RELATIONSHIPS[:1]))
    # The first tab is a chart; the first worksheet is the second tab.
    write_parts("chart-first.xlsx", workbook_parts(
        rows, ["<t>取組項目</t>"], sheets=[("グラフ", "rId3"), ("Sheet1", "rId1")],
        relationships=STANDARD_RELATIONSHIPS + [("rId3", "chartsheet", "chartsheets/sheet1.xml")]))
    write_parts("chart-only.xlsx", workbook_parts(
        rows, ["<t>a</t>"], sheets=[("グラフ", "rId3")],
        relationships=STANDARD_RELATIONSHIPS + [("rId3", "chartsheet", "chartsheets/sheet1.xml")]))


if __name__ == "__main__":
    for sheet in ("higashi", "kita", "minami", "nishi"):
        from_text_sheet(sheet)
    typed_higashi()
    hand_written()
