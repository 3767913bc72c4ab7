#!/usr/bin/env python3
"""Writes the silver test fixtures (sample data, not real figures). Run from this folder: python3 make_fixtures.py"""
import json, zipfile

INST = [("25LH", "ROC Midden Nederland", "UTRECHT", "Utrecht", "0344", "Utrecht"),
        ("25PZ", "ROC Mondriaan", "'S-GRAVENHAGE", "Zuid-Holland", "0518", "'s-Gravenhage"),
        ("27GN", "Grafisch Lyceum R'dam", "ROTTERDAM", "Zuid-Holland", "0599", "Rotterdam"),
        ("25LP", "ROC van Amsterdam", "AMSTERDAM", "Noord-Holland", "0363", "Amsterdam"),
        ("25PJ", "Albeda", "ROTTERDAM", "Zuid-Holland", "0599", "Rotterdam"),
        ("28DE", "Noorderpoort", "GRONINGEN", "Groningen", "0014", "Groningen"),
        ("25MB", "Summa College", "EINDHOVEN", "Noord-Brabant", "0772", "Eindhoven"),
        ("30RR", "ROC van Twente", "HENGELO", "Overijssel", "0164", "Hengelo"),
        ("25PU", "Deltion College", "ZWOLLE", "Overijssel", "0193", "Zwolle"),
        ("21CV", "Aeres MBO", "BARNEVELD", "Gelderland", "0203", "Barneveld"),
        ("26DD", "ROC Friese Poort", "LEEUWARDEN", "Friesland", "0080", "Leeuwarden"),
        ("27PL", "Landstede MBO", "HARDERWIJK", "Gelderland", "0243", "Harderwijk"),
        ("25PN", "Gilde Opleidingen", "ROERMOND", "Limburg", "0957", "Roermond"),
        ("31HZ", "Scalda", "VLISSINGEN", "Zeeland", "0718", "Vlissingen"),
        ("25KZ", "Hout- en Meubileringscollege, Rotterdam", "ROTTERDAM", "Zuid-Holland", "0599", "Rotterdam")]
YEARS = range(2021, 2026)

def q(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',;"') else s

def write(name, lines, encoding="utf-8", bom=False):
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    open(name, "wb").write((b"\xef\xbb\xbf" if bom else b"") + data)

def count(i, j, suppressed):
    v = (i * 37 + j * 11) % 900 + 5
    return suppressed if (i + j) % 9 == 0 else str(v)

# New portal: comma, BOM, -1, a single-space cell, trailing spaces in codes.
head = "JAAR,PROVINCIE INSTELLING,BEVOEGD GEZAG NUMMER,INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,GEMEENTENUMMER INSTELLING,GEMEENTE INSTELLING,BBL,BOLDT,BOLVT,EX"
rows = [head]
for y in YEARS:
    for i, (code, naam, plaats, prov, gemnr, gem) in enumerate(INST):
        bg = " " if code == "25KZ" else str(30000 + i)       # a single-space cell
        c = code + "  " if code == "28DE" else code             # trailing spaces in a code
        counts = [count(i, y + k, "-1") for k in range(4)]
        rows.append(",".join([str(y), prov, bg, c, q(naam), q(plaats), '"' + gemnr + '"', q(gem)] + counts))
write("studenten-portal.csv", rows, bom=True)

# Legacy: ';', Windows-1252 (Fryslân), '<5'.
rows = [head.replace(",", ";")]
for y in YEARS:
    for i, (code, naam, plaats, prov, gemnr, gem) in enumerate(INST):
        prov = "Fryslân" if code == "26DD" else prov
        counts = [count(i, y + k, "<5") for k in range(4)]
        rows.append(";".join([str(y), prov, str(30000 + i), code, naam, plaats, gemnr, gem] + counts))
write("studenten-legacy.csv", rows, encoding="cp1252")

# A renamed column: INSTELLINGSCODE → BRIN NUMMER.
rows = [head.replace("INSTELLINGSCODE", "BRIN NUMMER")] + open("studenten-portal.csv", encoding="utf-8-sig").read().splitlines()[1:6]
write("studenten-renamed.csv", rows)

# Graduates, wide.
dip_head = "INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,LEERWEG,NIVEAU,ERKENDE OPLEIDING CODE,ERKENDE OPLEIDING NAAM,SECTORKAMER NAAM,HOOFDGROEP NAAM," + \
    ",".join(f"DIPMAN{y},DIPVROUW{y}" for y in YEARS)
LEERWEGEN = ["BBL", "BOLDT", "BOLVT", "EX", "OVO"]
def dip_rows(n, bad_at=()):
    out = [dip_head]
    for r in range(n):
        code, naam, plaats = INST[r % len(INST)][:3]
        lw = LEERWEGEN[r % 5]; niv = str(r % 4 + 1); crebo = str(25001 + r)
        cells = [count(r, k, "-1") for k in range(10)]
        if r in bad_at: cells[4] = "12,5" if r % 2 else "abc"
        out.append(",".join([code, q(naam), q(plaats), lw, niv, crebo, q(f"Opleiding {crebo}"), q("Zorg, welzijn en sport"), "Zorg"] + cells))
    return out
write("gediplomeerden.csv", dip_rows(60))
write("gediplomeerden-one-bad-row.csv", dip_rows(1000, bad_at={500}))
write("gediplomeerden-one-percent-bad.csv", dip_rows(1000, bad_at=set(range(5, 1000, 100))))
bad_leerweg = dip_rows(60); bad_leerweg[3] = bad_leerweg[3].replace(",BOLVT,", ",XYZ,", 1)
write("gediplomeerden-unknown-leerweg.csv", bad_leerweg)

# Inflow: BOL (one shape) next to BOLVT (the other).
ins_head = "JAAR,INSTELLINGSCODE,NIVEAU,LEERWEG,BEROEPSOPLEIDING CODE,BEROEPSOPLEIDING NAAM,WIJZIGING IN INSTELLING,LAATSTE JAAR VO,VOOROPLEIDING VO,LAATSTE JAAR MBO,VOOROPLEIDING MBO,INSTROOM VO,INSTROOM MBO,INSTROOM OPLEIDING,AANTAL"
rows = [ins_head]
for y in YEARS:
    for i, (code, *_rest) in enumerate(INST[:6]):
        for lw in ["BBL", "BOL" if y < 2024 else "BOLVT"]:
            rows.append(",".join([str(y), code, str(i % 4 + 1), lw, str(25100 + i), f"Opleiding {25100 + i}", "N", str(y - 1), "VMBO-T", " ", " ", "J", "N", "J", count(i, y, "-1")]))
write("instroom.csv", rows)

# JOB-monitor, project format (UTF-8, comma), with empty cells.
job_head = "instellingscode,jaar,thema,vraag,respondenten,percentage_positief,rapportcijfer"
rows = [job_head]
for y in (2022, 2024):
    for i, (code, *_rest) in enumerate(INST):
        rows.append(f"{code},{y},veiligheid,Ik voel me veilig op school,{400 + i},{70 + i % 20}.5,")
        rows.append(f"{code},{y},stagebegeleiding,Begeleiding vanuit school tijdens de stage,{300 + i},{50 + i % 30},")
        rows.append(f"{code},{y},opleiding,Rapportcijfer opleiding,{400 + i},,{6 + (i % 10) / 10:.1f}")
write("job-monitor.csv", rows)

# The same, as an analyst's spreadsheet in ';' / decimal comma / Windows-1252 CSV form.
rows = [job_head.replace(",", ";")]
rows.append("25LH;2024;veiligheid;Ik voel me veilig op één locatie;412;79,5;")
rows.append("25LH;2024;opleiding;Rapportcijfer opleiding;412;;6,8")
write("job-monitor-legacy.csv", rows, encoding="cp1252")

# JOB-monitor as .xlsx (minimal OpenXML, inline strings, one percentage-formatted cell).
def cell(ref, v, style=None):
    s = f' s="{style}"' if style is not None else ""
    if isinstance(v, str): return f'<c r="{ref}" t="inlineStr"{s}><is><t>{v}</t></is></c>'
    return f'<c r="{ref}"{s}><v>{v}</v></c>'
sheet_rows = [job_head.split(","), ["25PJ", 2024, "veiligheid", "Ik voel me veilig op school", 350, 0.81, None],
              ["25PJ", 2024, "opleiding", "Rapportcijfer opleiding", 350, None, 6.9]]
xml_rows = []
for r, vals in enumerate(sheet_rows, 1):
    cells = "".join(cell(f"{'ABCDEFG'[c]}{r}", v, 1 if (r > 1 and c == 5) else None) for c, v in enumerate(vals) if v is not None)
    xml_rows.append(f'<row r="{r}">{cells}</row>')
with zipfile.ZipFile("job-monitor.xlsx", "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="JOB" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/></cellXfs></styleSheet>')
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(xml_rows) + '</sheetData></worksheet>')

# CBS OData v3, as one JSON document per table.
regios = [("NL01  ", "Nederland"), ("GM0363  ", "Amsterdam"), ("GM0599  ", "Rotterdam")]
soorten = [("T001", "Totaal"), ("A025", "Mbo")]
typed = []
for y in range(2021, 2025):
    for rc, _ in regios:
        for sc, _ in soorten:
            v = None if (rc.startswith("GM0599") and y == 2021) else float(len(typed) * 13 % 500 + 10)
            typed.append({"ID": len(typed), "Onderwijssoort": sc, "RegioS": rc, "Perioden": f"{y}JJ00",
                          "VoortijdigeSchoolverlaters_1": v, "Aandeel_2": None if v is None else round(v / 100, 1)})
cbs = {"table": "85368NED",
       "DataProperties": [
           {"ID": 0, "Position": 0, "Type": "Dimension", "Key": "Onderwijssoort", "Title": "Onderwijssoort", "Description": "Soort onderwijs"},
           {"ID": 1, "Position": 1, "Type": "GeoDimension", "Key": "RegioS", "Title": "Regio's", "Description": "Gemeente of land"},
           {"ID": 2, "Position": 2, "Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden"},
           {"ID": 3, "Position": 3, "Type": "TopicGroup", "Key": "", "Title": "Voortijdig schoolverlaten"},
           {"ID": 4, "Position": 4, "Type": "Topic", "Key": "VoortijdigeSchoolverlaters_1", "Title": "Voortijdige schoolverlaters", "Unit": "aantal", "Datatype": "Double"},
           {"ID": 5, "Position": 5, "Type": "Topic", "Key": "Aandeel_2", "Title": "Aandeel voortijdige schoolverlaters", "Unit": "%", "Datatype": "Double"}],
       "dimensions": {"Onderwijssoort": [{"Key": k, "Title": t} for k, t in soorten],
                      "RegioS": [{"Key": k, "Title": t} for k, t in regios],
                      "Perioden": [{"Key": f"{y}JJ00", "Title": str(y)} for y in range(2021, 2025)]},
       "TypedDataSet": typed}
open("cbs-85368ned.json", "w", encoding="utf-8").write(json.dumps(cbs, ensure_ascii=False, indent=1))
