#!/usr/bin/env python3
"""Generates the sample snapshots in this folder (sample data, NOT real figures).

Deterministic (fixed seed): run `python3 samples/generate_samples.py` from the repo root and commit the output.
Shapes follow the real sources (see docs: source-formats); quirks are put in on purpose: UTF-8 BOM, `-1` for
suppressed small counts, single-space cells, quoted names with commas and apostrophes, CBS codes padded with
trailing spaces, `null` values, OData v3 pages linked by `odata.nextLink`.
"""
import io, json, os, random, uuid, zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
rnd = random.Random(20261123)
YEARS = [2021, 2022, 2023, 2024, 2025]
BOM = "\ufeff"

# code, DUO short name, plaatsnaam, provincie, gemeentenummer, gemeente, bevoegd gezag, size (students)
INST = [
    ("25LH", "ROC Midden Nederland", "UTRECHT", "Utrecht", "0344", "UTRECHT", "30153", 22000),
    ("25PZ", "ROC Mondriaan", "'S-GRAVENHAGE", "Zuid-Holland", "0518", "'S-GRAVENHAGE", "30290", 18000),
    ("27GN", "Grafisch Lyceum R'dam", "ROTTERDAM", "Zuid-Holland", "0599", "ROTTERDAM", "41419", 4200),
    ("25LP", "ROC van Amsterdam", "AMSTERDAM", "Noord-Holland", "0363", "AMSTERDAM", "30280", 30000),
    ("25PJ", "Albeda", "ROTTERDAM", "Zuid-Holland", "0599", "ROTTERDAM", "30277", 19000),
    ("28DE", "Noorderpoort", "GRONINGEN", "Groningen", "0014", "GRONINGEN", "30190", 14000),
    ("25MB", "Summa College", "EINDHOVEN", "Noord-Brabant", "0772", "EINDHOVEN", "30251", 20000),
    ("30RR", "ROC van Twente", "HENGELO", "Overijssel", "0164", "HENGELO", "30213", 15000),
    ("25PU", "Deltion College", "ZWOLLE", "Overijssel", "0193", "ZWOLLE", "30224", 17000),
    ("21CV", "Aeres MBO", "BARNEVELD", "Gelderland", "0203", "BARNEVELD", "41295", 3500),
    ("26DD", "ROC Friese Poort", "LEEUWARDEN", "Friesland", "0080", "LEEUWARDEN", "30206", 9000),
    ("27PL", "Landstede MBO", "HARDERWIJK", "Gelderland", "0243", "HARDERWIJK", "30236", 8000),
    ("25PN", "Gilde Opleidingen", "ROERMOND", "Limburg", "0957", "ROERMOND", "30270", 9500),
    ("31HZ", "Scalda", "VLISSINGEN", "Zeeland", "0718", "VLISSINGEN", "30271", 7500),
    ("25KZ", "Hout- en Meubileringscollege, Rotterdam", "ROTTERDAM", "Zuid-Holland", "0599", "ROTTERDAM", "41340", 1800),
]
# crebo, name, sectorkamer, hoofdgroep, niveau
OPLEIDINGEN = [
    ("25491", "Verzorgende-IG", "Zorg, welzijn en sport", "Zorg en welzijn", 3),
    ("25604", "Software developer", "ICT en creatieve industrie", "ICT", 4),
    ("25257", "Logistiek medewerker", "Mobiliteit, transport, logistiek en maritiem", "Logistiek", 2),
    ("25655", "Entree", "Entree", "Entree", 1),
    ("25480", "Pedagogisch medewerker", "Zorg, welzijn en sport", "Welzijn", 4),
]


def q(s):
    """DUO quotes text cells; embedded quotes are doubled."""
    return '"' + str(s).replace('"', '""') + '"'


def count(n):
    """DUO suppresses small counts (1-4) as -1."""
    return "-1" if 1 <= n <= 4 else str(n)


def write(path, text, bom=False):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="") as f:
        f.write((BOM if bom else "") + text)


def write_json(path, obj):
    full = os.path.join(HERE, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def uid():
    return str(uuid.UUID(int=rnd.getrandbits(128), version=4))


# ---------------- DUO ----------------
def studenten():
    lines = ["JAAR,PROVINCIE INSTELLING,BEVOEGD GEZAG NUMMER,INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,"
             "GEMEENTENUMMER INSTELLING,GEMEENTE INSTELLING,BBL,BOLDT,BOLVT,EX"]
    for y in YEARS:
        for i, (code, name, plaats, prov, gnr, gem, bg, size) in enumerate(INST):
            total = int(size * (1 + 0.015 * (y - 2021)) * rnd.uniform(0.97, 1.03))
            bbl = int(total * rnd.uniform(0.15, 0.30))
            boldt = rnd.choice([0, 2, 3, 12, 35, 80]) if size > 5000 else rnd.choice([0, 1, 3])
            ex = rnd.choice([0, 1, 4, 9, 25]) if i % 3 else None  # None: single-space cell
            bolvt = total - bbl - boldt - (ex or 0)
            lines.append(",".join([str(y), q(prov), q(bg), q(code), q(name), q(plaats), q(gnr), q(gem),
                                   count(bbl), count(boldt), count(bolvt), " " if ex is None else count(ex)]))
    return "\r\n".join(lines) + "\r\n"


def gediplomeerden():
    cols = ["INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING", "LEERWEG", "NIVEAU", "ERKENDE OPLEIDING CODE",
            "ERKENDE OPLEIDING NAAM", "SECTORKAMER NAAM", "HOOFDGROEP NAAM"]
    for y in YEARS:
        cols += [f"DIPMAN{y}", f"DIPVROUW{y}"]
    lines = [",".join(cols)]
    for i, (code, name, plaats, *_rest) in enumerate(INST):
        size = INST[i][7]
        for j, (crebo, oname, sector, hoofd, niveau) in enumerate(OPLEIDINGEN[: 3 if size < 5000 else 5]):
            leerweg = ["BOLVT", "BBL", "BOLDT", "EX", "OVO"][(i + j) % 5] if j >= 3 else ["BOLVT", "BBL", "BOLVT"][j]
            cells = [q(code), q(name), q(plaats), q(leerweg), str(niveau), q(crebo), q(oname), q(sector), q(hoofd)]
            base = max(1, size // 400)
            for y in YEARS:
                man = int(base * rnd.uniform(0.2, 1.2)) if hoofd != "Zorg en welzijn" else rnd.randint(0, 6)
                vrouw = int(base * rnd.uniform(0.2, 1.2)) if hoofd != "ICT" else rnd.randint(0, 6)
                cells += [count(man), count(vrouw)]
            if j == 4:
                cells[-1] = " "  # a single-space cell where DUO has no figure yet
            lines.append(",".join(cells))
    return "\r\n".join(lines) + "\r\n"


def instromend():
    lines = ["JAAR,INSTELLINGSCODE,NIVEAU,LEERWEG,BEROEPSOPLEIDING CODE,BEROEPSOPLEIDING NAAM,WIJZIGING IN INSTELLING,"
             "LAATSTE JAAR VO,VOOROPLEIDING VO,LAATSTE JAAR MBO,VOOROPLEIDING MBO,INSTROOM VO,INSTROOM MBO,INSTROOM OPLEIDING,AANTAL"]
    for y in YEARS:
        for code, name, plaats, prov, gnr, gem, bg, size in INST:
            for crebo, oname, _sector, _hoofd, niveau in (OPLEIDINGEN[0], OPLEIDINGEN[1]):
                # Older files say BOL where newer ones say BOLVT (silver normalises BOL to BOLVT).
                leerweg = rnd.choice(["BOL" if y <= 2022 else "BOLVT", "BBL"])
                vo = rnd.random() < 0.7
                aantal = max(0, int(size / 120 * rnd.uniform(0.1, 1.0))) if size > 2000 else rnd.randint(1, 8)
                lines.append(",".join([str(y), q(code), str(niveau), q(leerweg), q(crebo), q(oname), q("Nee"),
                                       str(y - 1) if vo else " ", q("VMBO-KB" if vo else " "),
                                       " " if vo else str(y - 1), q(" " if vo else "MBO niveau 2"),
                                       q("Ja" if vo else "Nee"), q("Nee" if vo else "Ja"), q("Ja"), count(aantal)]))
    return "\r\n".join(lines) + "\r\n"


DUO_SETS = {
    "mbo-studenten-per-instelling": ("Aantal studenten per mbo-instelling", "mbo-studenten-per-instelling-2021-2025",
                                     "Toelichting mbo studenten per instelling", studenten),
    "gediplomeerde-mbo-studenten": ("Gediplomeerde mbo-studenten", "gediplomeerde-mbo-studenten-2021-2025",
                                    "Toelichting gediplomeerde mbo-studenten", gediplomeerden),
    "instromende-mbo-studenten": ("Instromende mbo-studenten", "instromende-mbo-studenten-2021-2025",
                                  "Toelichting instromende mbo-studenten", instromend),
}


def duo():
    for dataset, (title, res_name, doc_name, make) in DUO_SETS.items():
        write(f"duo/{dataset}.csv", make(), bom=True)
        rid, pid = uid(), uid()
        write_json(f"duo/{dataset}.package_show.json", {
            "help": "https://onderwijsdata.duo.nl/api/3/action/help_show?name=package_show",
            "success": True,
            "result": {
                "id": pid, "name": dataset, "title": title, "type": "dataset", "license_id": "cc-by",
                "notes": f"{title} per jaar, 2021 tot en met 2025. Aantallen van 1 tot en met 4 zijn vervangen door -1. "
                         "De cijfers over 2025 zijn voorlopig (voorlopige cijfers 2025). SAMPLE DATA, geen echte cijfers.",
                "metadata_modified": "2026-03-15T09:12:44.123456",
                "num_resources": 2,
                "resources": [
                    {"id": rid, "package_id": pid, "name": res_name, "format": "CSV", "mimetype": "text/csv",
                     "url": f"https://onderwijsdata.duo.nl/datastore/dump/{rid}?format=csv",
                     "datastore_active": True, "last_modified": "2026-03-15T09:12:40.000001", "position": 0},
                    {"id": uid(), "package_id": pid, "name": doc_name, "format": "PDF", "mimetype": "application/pdf",
                     "url": f"https://onderwijsdata.duo.nl/dataset/{pid}/resource/toelichting.pdf",
                     "datastore_active": False, "last_modified": "2025-10-01T08:00:00", "position": 1},
                ],
            },
        })


# ---------------- CBS (OData v3) ----------------
PROVINCES = [("NL01    ", "Nederland"), ("PV20    ", "Groningen"), ("PV21    ", "Fryslân"), ("PV23    ", "Overijssel"),
             ("PV25    ", "Gelderland"), ("PV26    ", "Utrecht"), ("PV27    ", "Noord-Holland"), ("PV28    ", "Zuid-Holland"),
             ("PV29    ", "Zeeland"), ("PV30    ", "Noord-Brabant"), ("PV31    ", "Limburg")]
PERIODEN = [{"Key": f"{y}JJ00", "Title": str(y), "Description": "", "Status": "Voorlopig" if y == 2025 else "Definitief"} for y in YEARS]


def odata_base(table, api="ODataApi"):
    return f"https://opendata.cbs.nl/{api}/odata/{table}"


def cbs_table(table, title, dims, topics, rows, page_size):
    """dims: list of (key, type, title, items); topics: list of (key, title, datatype, unit, decimals)."""
    api = odata_base(table)
    sets = ["TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups"] + [d[0] for d in dims]
    write_json(f"cbs/{table}/ODataApi.json", {"odata.metadata": f"{api}/$metadata",
                                              "value": [{"name": s, "url": f"{api}/{s}"} for s in sets]})
    props, pid = [], 0
    for key, typ, dtitle, _items in dims:
        props.append({"odata.type": f"Cbs.OData.{typ}", "ID": pid, "Position": pid, "ParentID": None, "Type": typ,
                      "Key": key, "Title": dtitle, "Description": f"{dtitle} (sample)"})
        pid += 1
    for key, ttitle, datatype, unit, decimals in topics:
        props.append({"odata.type": "Cbs.OData.Topic", "ID": pid, "Position": pid, "ParentID": None, "Type": "Topic",
                      "Key": key, "Title": ttitle, "Description": f"{ttitle} (sample)", "Datatype": datatype, "Unit": unit,
                      "Decimals": decimals, "Default": "Impossible"})
        pid += 1
    write_json(f"cbs/{table}/DataProperties.json", {"odata.metadata": f"{api}/$metadata#Cbs.OData.WebAPI.DataProperties", "value": props})
    for key, _typ, _t, items in dims:
        write_json(f"cbs/{table}/{key}.json", {"odata.metadata": f"{api}/$metadata#Cbs.OData.WebAPI.{key}", "value": items})
    feed = odata_base(table, "ODataFeed")
    for start in range(0, len(rows), page_size):
        page = {"odata.metadata": f"{feed}/$metadata#Cbs.OData.WebAPI.TypedDataSet", "value": rows[start:start + page_size]}
        if start + page_size < len(rows):
            page["odata.nextLink"] = f"{feed}/TypedDataSet?$format=json&$skip={start + page_size}"
        write_json(f"cbs/{table}/TypedDataSet{'' if start == 0 else f'.skip{start}'}.json", page)


def cbs():
    soorten = [{"Key": "T001072 ", "Title": "Totaal onderwijssoorten", "Description": None, "CategoryGroupID": None},
               {"Key": "A025284 ", "Title": "Mbo", "Description": "Middelbaar beroepsonderwijs", "CategoryGroupID": None}]
    regios = [{"Key": k, "Title": t, "Description": None} for k, t in PROVINCES]
    rows, rid = [], 0
    for s in soorten:
        for r in regios:
            for p in PERIODEN:
                deeln = rnd.randint(40000, 90000) * (8 if r["Key"].startswith("NL") else 1) // (1 if s["Key"].startswith("T") else 3)
                vsv = int(deeln * rnd.uniform(0.015, 0.06))
                pct = round(100 * vsv / deeln, 1)
                if p["Key"] == "2025JJ00" and rid % 4 == 0:
                    vsv, pct = None, None  # not yet known: CBS sends null
                rows.append({"ID": rid, "Onderwijssoort": s["Key"], "RegioS": r["Key"], "Perioden": p["Key"],
                             "Deelnemers_1": deeln, "VoortijdigSchoolverlaters_2": vsv, "VoortijdigSchoolverlatersPercentage_3": pct})
                rid += 1
    cbs_table("85368NED", "Voortijdig schoolverlaters; onderwijssoort, regio",
              [("Onderwijssoort", "Dimension", "Onderwijssoort", soorten), ("RegioS", "GeoDimension", "Regio's", regios),
               ("Perioden", "TimeDimension", "Perioden", PERIODEN)],
              [("Deelnemers_1", "Deelnemers", "Long", "aantal", 0),
               ("VoortijdigSchoolverlaters_2", "Voortijdig schoolverlaters", "Long", "aantal", 0),
               ("VoortijdigSchoolverlatersPercentage_3", "Voortijdig schoolverlaters (%)", "Double", "%", 1)],
              rows, page_size=40)

    niveaus = [{"Key": f"MBO{n}    ", "Title": f"Mbo niveau {n}", "Description": None} for n in range(1, 5)]
    leerwegen = [{"Key": "BOL  ", "Title": "Beroepsopleidende leerweg", "Description": None},
                 {"Key": "BBL  ", "Title": "Beroepsbegeleidende leerweg", "Description": None}]
    rows, rid = [], 0
    for n in niveaus:
        for lw in leerwegen:
            for p in PERIODEN:
                uit = rnd.randint(3000, 40000)
                werk = int(uit * rnd.uniform(0.55, 0.9))
                werkloos = int(uit * rnd.uniform(0.02, 0.08))
                row = {"ID": rid, "Opleidingsniveau": n["Key"], "Leerweg": lw["Key"], "Perioden": p["Key"],
                       "Uitstromers_1": uit, "Werkzaam_2": werk, "WerkzaamPercentage_3": round(100 * werk / uit, 1),
                       "Werkloos_4": werkloos, "InOpleiding_5": uit - werk - werkloos}
                if p["Key"] == "2025JJ00":
                    row["Werkloos_4"] = None  # provisional year: not published yet
                    row["InOpleiding_5"] = None
                rows.append(row)
                rid += 1
    cbs_table("85696NED", "Mbo-uitstromers; arbeidsmarktpositie",
              [("Opleidingsniveau", "Dimension", "Opleidingsniveau", niveaus), ("Leerweg", "Dimension", "Leerweg", leerwegen),
               ("Perioden", "TimeDimension", "Perioden", PERIODEN)],
              [("Uitstromers_1", "Uitstromers", "Long", "aantal", 0), ("Werkzaam_2", "Werkzaam", "Long", "aantal", 0),
               ("WerkzaamPercentage_3", "Werkzaam (%)", "Double", "%", 1), ("Werkloos_4", "Werkloos", "Long", "aantal", 0),
               ("InOpleiding_5", "In opleiding", "Long", "aantal", 0)],
              rows, page_size=25)


# ---------------- JOB-monitor ----------------
JOB_HEADER = ["instellingscode", "jaar", "thema", "vraag", "respondenten", "percentage_positief", "rapportcijfer"]
JOB_VRAGEN = [("veiligheid", "Ik voel me veilig op school"),
              ("stagebegeleiding", "Hoe tevreden ben je over de begeleiding vanuit school tijdens je stage, bpv of werkplek?"),
              ("opleiding", "Welk rapportcijfer geef je je opleiding?")]


def job_rows(year):
    out = []
    for code, _n, _p, _pr, _g, _gm, _bg, size in INST:
        resp = max(40, int(size * rnd.uniform(0.08, 0.2)))
        for thema, vraag in JOB_VRAGEN:
            if thema == "opleiding":
                out.append([code, year, thema, vraag, resp, None, round(rnd.uniform(6.2, 7.2), 1)])
            else:
                pct = round(rnd.uniform(50, 90), 1)
                out.append([code, year, thema, vraag, resp if code != "25KZ" else None, pct, None])
    return out


def csv_cell(v):
    if v is None:
        return ""
    s = str(v)
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s


def xlsx(rows):
    """A minimal .xlsx (inline strings, one sheet), enough for ExcelDataReader and for Excel."""
    def cell(ref, v):
        if v is None:
            return ""
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
        sheet_rows.append(f'<row r="{r}">{cells}</row>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="resultaten" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(sheet_rows) + '</sheetData></worksheet>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))  # fixed time: reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
    return buf.getvalue()


def job():
    rows = job_rows(2022)
    write("job/job-monitor-2022.csv", "\r\n".join([",".join(JOB_HEADER)] + [",".join(csv_cell(v) for v in r) for r in rows]) + "\r\n", bom=True)
    full = os.path.join(HERE, "job/job-monitor-2024.xlsx")
    with open(full, "wb") as f:
        f.write(xlsx([JOB_HEADER] + job_rows(2024)))


if __name__ == "__main__":
    duo()
    cbs()
    job()
