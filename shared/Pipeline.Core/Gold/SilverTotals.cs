using Pipeline.Core.Indicators;

namespace Pipeline.Core.Gold;

/// <summary>
/// Everything gold computes from, folded while silver is read: the count tables as <see cref="CountTotals"/> (one entry
/// per institution and year instead of a row per programme), the institution names and codes, and the small tables
/// (JOB monitor, CBS) as rows. <see cref="Of"/> folds rows written by hand the same way, so the formulas are tested on
/// exactly what the reader gives them.
/// </summary>
public sealed class SilverTotals
{
    private readonly List<JobMonitorRow> _jobMonitor = [];
    private readonly List<CbsRow> _vsv = [];
    private readonly Dictionary<string, (int Jaar, string Naam)> _namen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bekend = new(StringComparer.Ordinal) { IndicatorCatalog.Landelijk };

    public CountTotals Studenten { get; } = new();
    public CountTotals Gediplomeerden { get; } = new();
    public CountTotals Instroom { get; } = new();
    public IReadOnlyList<JobMonitorRow> JobMonitor => _jobMonitor;
    public IReadOnlyList<CbsRow> Vsv => _vsv;

    public static SilverTotals Of(SilverData silver)
    {
        var totals = new SilverTotals();
        foreach (var r in silver.Studenten)
            totals.AddStudenten(r.Jaar, r.Instellingscode, r.Instellingsnaam, r.Leerweg, new Cell(r.Aantal, r.Onderdrukt), r.Voorlopig, r.Bron);
        foreach (var r in silver.Gediplomeerden)
            totals.AddGediplomeerden(r.Jaar, r.Instellingscode, r.Instellingsnaam, r.Leerweg, new Cell(r.Aantal, r.Onderdrukt), r.Voorlopig, r.Bron);
        foreach (var r in silver.Instroom)
            totals.AddInstroom(r.Jaar, r.Instellingscode, r.Leerweg, new Cell(r.Aantal, r.Onderdrukt), r.Voorlopig, r.Bron);
        foreach (var r in silver.JobMonitor) totals.Add(r);
        foreach (var r in silver.Vsv) totals.Add(r);
        return totals;
    }

    public void AddStudenten(int jaar, string instellingscode, string instellingsnaam, string leerweg, Cell cell, bool voorlopig, SilverSource bron)
    {
        Studenten.Add(instellingscode, jaar, leerweg, cell, voorlopig, bron);
        Name(jaar, instellingscode, instellingsnaam);
    }

    public void AddGediplomeerden(int jaar, string instellingscode, string instellingsnaam, string leerweg, Cell cell, bool voorlopig,
        SilverSource bron)
    {
        Gediplomeerden.Add(instellingscode, jaar, leerweg, cell, voorlopig, bron);
        Name(jaar, instellingscode, instellingsnaam);
    }

    public void AddInstroom(int jaar, string instellingscode, string leerweg, Cell cell, bool voorlopig, SilverSource bron)
    {
        Instroom.Add(instellingscode, jaar, leerweg, cell, voorlopig, bron);
        _bekend.Add(instellingscode);
    }

    public void Add(JobMonitorRow row)
    {
        _jobMonitor.Add(row);
        _bekend.Add(row.Instellingscode);
    }

    public void Add(CbsRow row) => _vsv.Add(row);

    /// <summary>Institution names by code, from the students' and diplomas' tables: the newest year wins, and within a
    /// year the first name read (students before diplomas).</summary>
    public IReadOnlyDictionary<string, string> InstellingsNamen() => _namen.ToDictionary(kv => kv.Key, kv => kv.Value.Naam);

    /// <summary>Every institution code some source knows (for the ambitions warning on unknown codes).</summary>
    public IReadOnlySet<string> BekendeInstellingen() => _bekend;

    private void Name(int jaar, string instellingscode, string instellingsnaam)
    {
        _bekend.Add(instellingscode);
        if (string.IsNullOrWhiteSpace(instellingsnaam)) return;
        if (!_namen.TryGetValue(instellingscode, out var known) || jaar > known.Jaar) _namen[instellingscode] = (jaar, instellingsnaam);
    }
}
