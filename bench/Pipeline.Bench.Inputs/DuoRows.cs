namespace Pipeline.Bench.Inputs;

/// <summary>
/// The row shapes of the DUO files. A detail row <c>r</c> belongs to institution <c>r mod n</c> and crebo
/// <c>25001 + r / n</c>, so every table's key is unique by construction at any size; counts are random with DUO's
/// <c>-1</c> suppression and an occasional single-space cell.
/// </summary>
public sealed class DuoRows(IReadOnlyList<Institution> institutions, int seed)
{
    public static readonly IReadOnlyList<int> Years = [2021, 2022, 2023, 2024, 2025];
    private static readonly string[] StudentenLeerwegen = ["BBL", "BOLDT", "BOLVT", "EX"];
    private static readonly string[] DiplomaLeerwegen = ["BBL", "BOLDT", "BOLVT", "EX", "OVO"];
    private static readonly string[] SoortenLeerwegen = ["BBL", "BOL", "EX"];
    private static readonly string[] Leeftijden = ["jonger dan 18 jaar", "18 tot 20 jaar", "20 tot 23 jaar", "23 jaar en ouder"];
    private readonly Random _rnd = new(seed);

    private Institution Of(long row) => institutions[(int)(row % institutions.Count)];
    private long Crebo(long row) => 25001 + row / institutions.Count;
    private long Niveau(long row) => 1 + Crebo(row) % 4;
    private long Small() => _rnd.Next(0, 400);

    private void InstitutionCells(CsvFile csv, int year, Institution i) =>
        csv.Number(year).Text(i.Provincie).Text(i.BevoegdGezag).Text(i.Code).Text(i.Name).Text(i.Plaats).Text(i.Gemeentenummer).Text(i.Gemeente);

    private void Lead(CsvFile csv, long row)
    {
        var i = Of(row);
        csv.Text(i.Code).Text(i.Name).Text(i.Plaats);
    }

    private void YearCounts(CsvFile csv, int columns)
    {
        for (var c = 0; c < columns; c++) csv.Count(Small());
    }

    /// <summary>Position 0: per institution and year a count per leerweg (the file the indicators use).</summary>
    public void StudentenLeerweg(CsvFile csv, long row)
    {
        var i = institutions[(int)(row % institutions.Count)];
        InstitutionCells(csv, Years[(int)(row / institutions.Count)], i);
        var total = 2000 + _rnd.Next(0, 28000);
        var bbl = (long)(total * (0.15 + _rnd.NextDouble() * 0.15));
        var boldt = _rnd.Next(0, 80);
        var ex = _rnd.Next(0, 30);
        csv.Count(bbl).Count(boldt).Count(total - bbl - boldt - ex);
        if (row % 7 == 0) csv.Text(" "); else csv.Count(ex);
        csv.EndRow();
    }

    public void StudentenSectorkamer(CsvFile csv, long row)
    {
        InstitutionCells(csv, Years[(int)(row / institutions.Count)], institutions[(int)(row % institutions.Count)]);
        YearCounts(csv, DuoPackages.Sectorkamers.Count);
        csv.EndRow();
    }

    public void StudentenGeslacht(CsvFile csv, long row)
    {
        Lead(csv, row);
        var o = Opleiding.For(Crebo(row));
        csv.Text(o.Sectorkamer).Text(StudentenLeerwegen[row / institutions.Count % 4]).Number(Niveau(row))
           .Text(Crebo(row).ToString(System.Globalization.CultureInfo.InvariantCulture)).Text(o.Naam);
        YearCounts(csv, 10);
        csv.EndRow();
    }

    public void StudentenVerblijfsjaar(CsvFile csv, long row)
    {
        Lead(csv, row);
        csv.Text(StudentenLeerwegen[row % 4]).Number(1 + row / institutions.Count % 6);
        YearCounts(csv, 5);
        csv.EndRow();
    }

    public void StudentenWoongemeente(CsvFile csv, long row)
    {
        Lead(csv, row);
        var home = institutions[(int)(row / institutions.Count % institutions.Count)];
        csv.Text(home.Provincie).Text(home.Gemeente).Text(Leeftijden[row % 4]).Text(StudentenLeerwegen[row / 7 % 4]);
        YearCounts(csv, 5);
        csv.EndRow();
    }

    public void StudentenWoonprovincie(CsvFile csv, long row)
    {
        Lead(csv, row);
        csv.Text(Crebo(row).ToString(System.Globalization.CultureInfo.InvariantCulture)).Text(Opleiding.For(Crebo(row)).Naam)
           .Text(StudentenLeerwegen[row % 4]).Text(Of(row + 3).Provincie);
        YearCounts(csv, 5);
        csv.EndRow();
    }

    public void Gediplomeerden(CsvFile csv, long row)
    {
        Lead(csv, row);
        var o = Opleiding.For(Crebo(row));
        csv.Text(DiplomaLeerwegen[row / institutions.Count % 5]).Number(Niveau(row))
           .Text(Crebo(row).ToString(System.Globalization.CultureInfo.InvariantCulture)).Text(o.Naam).Text(o.Sectorkamer).Text(o.Hoofdgroep);
        YearCounts(csv, 9);
        if (row % 13 == 0) csv.Text(" "); else csv.Count(Small());
        csv.EndRow();
    }

    /// <summary>Shape B ("met soorten instroom"): JAAR and AANTAL, LEERWEG BBL/BOL/EX, J/N flags.</summary>
    public void InstroomSoorten(CsvFile csv, long row, int year)
    {
        var i = Of(row);
        var vo = row % 10 < 7;
        csv.Number(year).Text(i.Code).Number(Niveau(row)).Text(SoortenLeerwegen[row / institutions.Count % 3])
           .Text(Crebo(row).ToString(System.Globalization.CultureInfo.InvariantCulture)).Text(Opleiding.For(Crebo(row)).Naam)
           .Text((row % 3) switch { 0 => " ", 1 => "J", _ => "N" })
           .Text(vo ? (year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : " ").Text(vo ? "VMBO-KADERBEROEPSGERICHTE LEERWEG" : " ")
           .Text(vo ? " " : row % 2 == 0 ? (year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"<{year - 1}")
           .Text(vo ? " " : "MBO NIVEAU 2 BASISBEROEPSOPLEIDING")
           .Text(vo ? "Directe instroom" : row % 4 == 1 ? "Indirecte instroom" : "Geen instroom")
           .Text(vo ? "N" : "J").Text("J").Count(_rnd.Next(0, 60));
        csv.EndRow();
    }

    /// <summary>Shape A ("vooropleiding"): no JAAR (the year is in the resource name); three counts; BOLDT only in 2021.</summary>
    public void InstroomVooropleiding(CsvFile csv, long row, int year)
    {
        var i = Of(row);
        var o = Opleiding.For(Crebo(row));
        var leerwegen = year == 2021 ? StudentenLeerwegen : ["BBL", "BOLVT", "EX"];
        var totaal = _rnd.Next(0, 120);
        var mbo = totaal * _rnd.Next(20, 50) / 100;
        csv.Text(row % 5 == 0 ? "HAVO" : "VMBO-KADERBEROEPSGERICHTE LEERWEG").Text(row % 5 == 0 ? "MBO NIVEAU 2" : " ")
           .Text(totaal > 20 ? "N" : "J").Text(i.Code).Text(i.Name)
           .Text((10 + Crebo(row) % Opleiding.All.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)).Text(o.Hoofdgroep)
           .Number(Niveau(row)).Text(leerwegen[row / institutions.Count % leerwegen.Length])
           .Text(Crebo(row).ToString(System.Globalization.CultureInfo.InvariantCulture)).Text(o.Naam)
           .Count(totaal).Count(mbo).Count(totaal - mbo);
        csv.EndRow();
    }
}
