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
# The DUO part has its own generator, so its files do not depend on (or shift) the other sources' random numbers.
drnd = random.Random(20261005)
DUO_BASE = "https://onderwijsdata.duo.nl"
STUDENTEN_ID = ["JAAR", "PROVINCIE INSTELLING", "BEVOEGD GEZAG NUMMER", "INSTELLINGSCODE", "INSTELLINGSNAAM",
                "PLAATSNAAM INSTELLING", "GEMEENTENUMMER INSTELLING", "GEMEENTE INSTELLING"]
SECTORKAMERS = ["BOVENSECTORAAL", "ENTREE", "SECTORKAMER_HANDEL", "SECTORKAMER_ICT_EN_CREATIEVE_INDUSTRIE",
                "SECTORKAMER_ZORG_WELZIJN_EN_SPORT", "NIET_GESPECIFICEERD_NAAR_SECTOR"]
JAAR_COLS = [f"JAAR_{y}" for y in YEARS]


def duid():
    return str(uuid.UUID(int=drnd.getrandbits(128), version=4))


def csv_text(header, rows):
    return "\r\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\r\n"


def inst_cells(y, inst):
    code, name, plaats, prov, gnr, gem, bg, _size = inst
    return [str(y), q(prov), q(bg), q(code), q(name), q(plaats), q(gnr), q(gem)]


def studenten():
    """Position 0: one row per institution and year, a count column per leerweg (the file the indicators use)."""
    rows = []
    for y in YEARS:
        for i, inst in enumerate(INST):
            size = inst[7]
            total = int(size * (1 + 0.015 * (y - 2021)) * drnd.uniform(0.97, 1.03))
            bbl = int(total * drnd.uniform(0.15, 0.30))
            boldt = drnd.choice([0, 2, 3, 12, 35, 80]) if size > 5000 else drnd.choice([0, 1, 3])
            ex = drnd.choice([0, 1, 4, 9, 25]) if i % 3 else None  # None: single-space cell
            bolvt = total - bbl - boldt - (ex or 0)
            rows.append(inst_cells(y, inst) + [count(bbl), count(boldt), count(bolvt), " " if ex is None else count(ex)])
    return csv_text(STUDENTEN_ID + ["BBL", "BOLDT", "BOLVT", "EX"], rows)


def studenten_other(position):
    """Positions 1-5: the same package's other shapes; a few rows each (never used, but served as the portal does)."""
    insts = INST[:3]
    if position == 1:
        return csv_text(STUDENTEN_ID + SECTORKAMERS,
                        [inst_cells(2025, i) + [count(drnd.randint(0, 900)) for _ in SECTORKAMERS] for i in insts])
    lead = ["INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING"]
    if position == 2:
        header = lead + ["SECTORKAMER NAAM", "LEERWEG", "NIVEAU", "ERKENDE OPLEIDING CODE", "ERKENDE OPLEIDING NAAM"] + \
                 [f"{g}{y}" for y in YEARS for g in ("MAN", "VROUW")]
        rows = [[q(i[0]), q(i[1]), q(i[2]), q(o[2]), q("BOLVT"), str(o[4]), q(o[0]), q(o[1])] +
                [count(drnd.randint(0, 60)) for _ in range(10)] for i in insts for o in OPLEIDINGEN[:2]]
        return csv_text(header, rows)
    extra = {3: (["LEERWEG", "VERBLIJFSJAAR IN MBO"], lambda: [q("BBL"), str(drnd.randint(1, 4))]),
             4: (["WOONPROVINCIE", "WOONGEMEENTE", "LEEFTIJDSCATEGORIE", "LEERWEG"],
                 lambda: [q("Utrecht"), q("UTRECHT"), q("18 tot 20 jaar"), q("BOLVT")]),
             5: (["BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM", "LEERWEG", "WOONPROVINCIE"],
                 lambda: [q("25491"), q("Verzorgende-IG"), q("BBL"), q("Utrecht")])}[position]
    return csv_text(lead + extra[0] + JAAR_COLS,
                    [[q(i[0]), q(i[1]), q(i[2])] + extra[1]() + [count(drnd.randint(0, 300)) for _ in YEARS] for i in insts])


def gediplomeerden():
    cols = ["INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING", "LEERWEG", "NIVEAU", "ERKENDE OPLEIDING CODE",
            "ERKENDE OPLEIDING NAAM", "SECTORKAMER NAAM", "HOOFDGROEP NAAM"]
    for y in YEARS:
        cols += [f"DIPMAN{y}", f"DIPVROUW{y}"]
    rows = []
    for i, (code, name, plaats, *_rest) in enumerate(INST):
        size = INST[i][7]
        for j, (crebo, oname, sector, hoofd, niveau) in enumerate(OPLEIDINGEN[: 3 if size < 5000 else 5]):
            leerweg = ["BOLVT", "BBL", "BOLDT", "EX", "OVO"][(i + j) % 5] if j >= 3 else ["BOLVT", "BBL", "BOLVT"][j]
            cells = [q(code), q(name), q(plaats), q(leerweg), str(niveau), q(crebo), q(oname), q(sector), q(hoofd)]
            base = max(1, size // 400)
            for y in YEARS:
                man = int(base * drnd.uniform(0.2, 1.2)) if hoofd != "Zorg en welzijn" else drnd.randint(0, 6)
                vrouw = int(base * drnd.uniform(0.2, 1.2)) if hoofd != "ICT" else drnd.randint(0, 6)
                cells += [count(man), count(vrouw)]
            if j == 4:
                cells[-1] = " "  # a single-space cell where DUO has no figure yet
            rows.append(cells)
    return csv_text(cols, rows)


INSTROOM_SOORTEN = "nieuw-instromende-studenten-per-instelling-niveau-leerweg-beroepsopleiding-met-soorten-instroom"
INSTROOM_VOOROPLEIDING = "nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-beroepsopleiding-niveau-vooropleiding"


def instroom_soorten(y):
    """Shape B (one file per year): JAAR and AANTAL; LEERWEG BBL, BOL, EX; J/N flags."""
    header = ["JAAR", "INSTELLINGSCODE", "NIVEAU", "LEERWEG", "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM",
              "WIJZIGING IN INSTELLING", "LAATSTE JAAR VO", "VOOROPLEIDING VO", "LAATSTE JAAR MBO", "VOOROPLEIDING MBO",
              "INSTROOM VO", "INSTROOM MBO", "INSTROOM OPLEIDING", "AANTAL"]
    rows = []
    for code, _name, _plaats, _prov, _gnr, _gem, _bg, size in INST:
        for crebo, oname, _sector, _hoofd, niveau in (OPLEIDINGEN[0], OPLEIDINGEN[1]):
            leerweg = drnd.choice(["BOL", "BBL", "BOL"]) if size > 2000 else "EX"
            vo = drnd.random() < 0.7
            aantal = max(0, int(size / 120 * drnd.uniform(0.1, 1.0))) if size > 2000 else drnd.randint(1, 8)
            rows.append([str(y), q(code), str(niveau), q(leerweg), q(crebo), q(oname), q(drnd.choice([" ", "J", "N"])),
                         q(str(y - 1) if vo else " "), q("VMBO-KB" if vo else " "),
                         q(" " if vo else drnd.choice([str(y - 1), f"<{y - 1}"])), q(" " if vo else "MBO niveau 2"),
                         q("Directe instroom" if vo else "Geen instroom"), q("N" if vo else "J"), q("J"), count(aantal)])
    return csv_text(header, rows)


def instroom_vooropleiding(y):
    """Shape A (one file per year): no JAAR column; three counts; BOLDT only in 2021."""
    header = ["VOOROPLEIDING VO", "VOOROPLEIDING MBO", "INDICATIE KLEINE OPLEIDING", "INSTELLINGSCODE", "INSTELLINGSNAAM",
              "HOOFDGROEP CODE", "HOOFDGROEP NAAM", "NIVEAU", "LEERWEG", "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM",
              "TOTAAL MBO", "INSTROOM MBO", "INSTROOM OPLEIDING"]
    rows = []
    for code, name, _plaats, _prov, _gnr, _gem, _bg, size in INST[:8]:
        for k, (crebo, oname, _sector, hoofd, niveau) in enumerate((OPLEIDINGEN[0], OPLEIDINGEN[1])):
            leerweg = ["BOLVT", "BBL", "BOLDT" if y == 2021 else "BOLVT"][(k + len(code)) % 3]
            totaal = max(0, int(size / 150 * drnd.uniform(0.1, 1.0)))
            mbo = int(totaal * drnd.uniform(0.2, 0.5))
            rows.append([q("VMBO-KB"), q(" "), q("N" if totaal > 20 else "J"), q(code), q(name), q(f"{10 + k}"), q(hoofd),
                         str(niveau), q(leerweg), q(crebo), q(oname), count(totaal), count(mbo), count(totaal - mbo)])
    return csv_text(header, rows)


STUDENTEN_NAMES = [
    ("Studenten per instelling bevoegd gezag plaats gemeente provincie van de instelling en leerweg",
     "2021-2025-01-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv"),
    ("Student per instelling bevoegd gezag plaats gemeente provincie van de instelling en sectorkamer",
     "2021-2025-02-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv"),
    ("Studenten per instelling plaats van de instelling sectorkamer leerweg opleiding niveau geslacht",
     "2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-opleiding-niveau-geslacht.csv"),
    ("Studenten per instelling bevoegd gezag gemeente instelling leerweg beroepsopleiding verblijfsjaar",
     "2021-2025-08-studenten-per-instelling-bevoegd-gezag-gemeente-instelling-leerweg-beroepsopleiding-verblijfsjaar.csv"),
    ("Studenten per instelling plaats instelling leerweg woongemeente woonprovincie leeftijdscategorie",
     "2021-2025-11-studenten-per-instelling-plaats-instelling-leerweg-woongemeente-woonprovincie-leeftijdscategorie.csv"),
    ("Studenten per instelling bevoegd gezag plaats van de instelling beroepsopleiding woonprovincie",
     "2021-2025-12-studenten-per-instelling-bevoegd-gezag-plaats-van-de-instelling-beroepsopleiding-woonprovincie.csv"),
]


def duo_resources():
    """dataset -> (title, last_modified, [(resource name, file name, body)]) in the order of the real listings."""
    instroom = []
    for y in YEARS:
        instroom.append((f"{y} {INSTROOM_SOORTEN}", f"{y}-{INSTROOM_SOORTEN}.csv", instroom_soorten(y)))
        instroom.append((f"{y} {INSTROOM_VOOROPLEIDING}", f"{y}-{INSTROOM_VOOROPLEIDING}.csv", instroom_vooropleiding(y)))
    return {
        "mbo-studenten-per-instelling": ("Aantal studenten per mbo-instelling", "2026-02-02T10:15:03.221804",
                                         [(n, f, studenten() if p == 0 else studenten_other(p))
                                          for p, (n, f) in enumerate(STUDENTEN_NAMES)]),
        "gediplomeerde-mbo-studenten": ("Gediplomeerde mbo-studenten", "2025-02-05T09:41:12.503318",
                                        [("Gediplomeerden", "2020-2024-gediplomeerden.csv", gediplomeerden())]),
        "instromende-mbo-studenten": ("Instromende mbo-studenten", "2026-02-02T10:22:47.118230", instroom),
    }


def duo():
    """Per dataset the package_show listing with the real resource names and positions, and one CSV per resource in
    duo/{dataset}/{file name}; the resource url is the portal's download link, which the sample handler maps back."""
    for dataset, (title, modified, resources) in duo_resources().items():
        pid = duid()
        listed = []
        for position, (name, file_name, body) in enumerate(resources):
            rid = duid()
            write(f"duo/{dataset}/{file_name}", body, bom=True)
            listed.append({"id": rid, "package_id": pid, "name": name, "format": "CSV", "mimetype": "text/csv",
                           "url": f"{DUO_BASE}/dataset/{pid}/resource/{rid}/download/{file_name}",
                           "datastore_active": True, "last_modified": modified, "position": position})
        write_json(f"duo/{dataset}.package_show.json", {
            "help": f"{DUO_BASE}/api/3/action/help_show?name=package_show",
            "success": True,
            "result": {
                "id": pid, "name": dataset, "title": title, "type": "dataset", "license_id": "cc-by",
                "notes": f"{title} per jaar, 2021 tot en met 2025. Aantallen van 1 tot en met 4 zijn vervangen door -1. "
                         "De cijfers over 2025 zijn voorlopig (voorlopige cijfers 2025). SAMPLE DATA, geen echte cijfers.",
                "metadata_modified": modified, "num_resources": len(listed), "resources": listed,
            },
        })


# ---------------- CBS (OData v3) ----------------
PROVINCES = [("NL01    ", "Nederland"), ("PV20    ", "Groningen"), ("PV21    ", "Fryslân"), ("PV23    ", "Overijssel"),
             ("PV25    ", "Gelderland"), ("PV26    ", "Utrecht"), ("PV27    ", "Noord-Holland"), ("PV28    ", "Zuid-Holland"),
             ("PV29    ", "Zeeland"), ("PV30    ", "Noord-Brabant"), ("PV31    ", "Limburg")]
PERIODEN = [{"Key": f"{y}JJ00", "Title": str(y), "Description": "", "Status": "Voorlopig" if y == 2025 else "Definitief"} for y in YEARS]


def odata_base(table, api="ODataApi"):
    return f"https://opendata.cbs.nl/{api}/odata/{table}"


# TableInfos.Modified per table: the client compares it with the one stored at the last download (no page fetched when equal).
TABLE_MODIFIED = {"85368NED": "2024-03-15T02:00:00", "85696NED": "2024-06-20T02:00:00"}


def table_infos(table, title):
    """The single TableInfos item in the real shape (the fields of Cbs.OData.WebAPI.TableInfos)."""
    api = odata_base(table)
    modified = TABLE_MODIFIED[table]
    item = {"ID": 1, "Title": title, "ShortTitle": title.split(";")[0], "Identifier": table, "Summary": f"{title} (sample)",
            "Modified": modified, "ReasonDelivery": "Actualisering", "ExplanatoryText": "", "Language": "nl", "Catalog": "CBS",
            "Frequency": "Perjaar", "Period": f"{YEARS[0]}-{YEARS[-1]}", "ShortDescription": "Sample snapshot, not real figures.",
            "Description": None, "DefaultPresentation": "", "DefaultSelection": "$filter=", "GraphTypes": "Table,Bar",
            "OutputStatus": "Regulier", "Source": "CBS.", "MetaDataModified": modified, "SearchPriority": "2"}
    write_json(f"cbs/{table}/TableInfos.json", {"odata.metadata": f"{api}/$metadata#Cbs.OData.WebAPI.TableInfos", "value": [item]})


def cbs_table(table, title, dims, topics, rows, page_size):
    """dims: list of (key, type, title, items); topics: list of (key, title, datatype, unit, decimals)."""
    api = odata_base(table)
    table_infos(table, title)
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


# 85368NED in its real shape: vo and mbo in one Onderwijssoort dimension (the mbo total is A025290, the table total
# T001336 is vo + mbo), Geslacht and Herkomst with totals. The mbo codes are the real ones (source-formats.md); the vo
# and Herkomst codes other than the totals are made up for the sample. Some codes carry CBS's trailing spaces.
VSV_SOORTEN = [("T001336", "Totaal onderwijssoorten"), ("A025262 ", "Totaal voortgezet onderwijs"), ("A025264 ", "Vmbo"),
               ("A025290", "Totaal mbo (incl. extranei)"), ("A042649", "Mbo-entreeopleiding"), ("A042655", "Mbo niveau 2"),
               ("A042661", "Mbo niveau 3"), ("A042667", "Mbo niveau 4"), ("A041868 ", "Bol totaal"), ("A025293 ", "Bbl totaal"),
               ("A041773", "Extranei")]
VSV_GESLACHT = [("T001038", "Totaal mannen en vrouwen"), ("3000   ", "Mannen"), ("4000   ", "Vrouwen")]
VSV_HERKOMST = [("T001040", "Totaal"), ("A043642 ", "Nederlandse achtergrond"), ("A043645 ", "Met migratieachtergrond")]
# (Geslacht, Herkomst) combinations served: every total, each sex at the Herkomst total, each Herkomst at the sex total.
VSV_COMBINATIES = [(0, 0), (1, 0), (2, 0), (0, 1), (0, 2)]


def vsv_85368():
    vrnd = random.Random(85368)  # its own generator: the other CBS table and the JOB files keep their numbers
    mbo = {"A042649": 0.12, "A042655": 0.30, "A042661": 0.25, "A042667": 0.33, "A041868 ": 0.62, "A025293 ": 0.33, "A041773": 0.05}
    rows, rid = [], 0
    for p in PERIODEN:
        y = int(p["Key"][:4])
        mbo_total = int(24000 - 600 * (y - 2021) + vrnd.randint(-400, 400))
        vo_total = int(6500 - 150 * (y - 2021) + vrnd.randint(-200, 200))
        totals = {"T001336": mbo_total + vo_total, "A025262 ": vo_total, "A025264 ": int(vo_total * 0.8), "A025290": mbo_total}
        for key, _title in VSV_SOORTEN:
            vsv_total = totals.get(key) or int(mbo_total * mbo[key] * vrnd.uniform(0.95, 1.05))
            for g, h in VSV_COMBINATIES:
                share = [1.0, 0.58, 0.42][g] * [1.0, 0.55, 0.45][h]
                vsv = int(vsv_total * share)
                deeln = int(vsv / vrnd.uniform(0.015, 0.035))
                pct = round(100 * vsv / deeln, 1)
                if y == 2025 and h > 0:
                    vsv, pct = None, None  # not yet known: CBS sends null
                rows.append({"ID": rid, "Geslacht": VSV_GESLACHT[g][0], "Onderwijssoort": key, "Herkomst": VSV_HERKOMST[h][0],
                             "Perioden": p["Key"], "Deelnemers_1": deeln, "VoortijdigeSchoolverlaters_2": vsv,
                             "VoortijdigeSchoolverlaters_3": pct})
                rid += 1
    items = lambda codes: [{"Key": k, "Title": t, "Description": None, "CategoryGroupID": None} for k, t in codes]
    cbs_table("85368NED", "Voortijdig schoolverlaters; geslacht, onderwijssoort en herkomst",
              [("Geslacht", "Dimension", "Geslacht", items(VSV_GESLACHT)),
               ("Onderwijssoort", "Dimension", "Onderwijssoort", items(VSV_SOORTEN)),
               ("Herkomst", "Dimension", "Herkomst", items(VSV_HERKOMST)),
               ("Perioden", "TimeDimension", "Perioden", PERIODEN)],
              [("Deelnemers_1", "Deelnemers", "Long", "aantal", 0),
               ("VoortijdigeSchoolverlaters_2", "Voortijdig schoolverlaters", "Long", "aantal", 0),
               ("VoortijdigeSchoolverlaters_3", "Voortijdig schoolverlaters (%)", "Double", "%", 1)],
              rows, page_size=100)


def cbs():
    vsv_85368()
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
