namespace Pipeline.Core.Gold;

// Typed mirrors of the silver tables (see the silver table contract). Gold is a pure function of these rows, folded into
// SilverTotals; SilverReader folds the lake's rows without building these records, so tests write them by hand.

/// <summary>Where a silver partition came from: the raw dataset, the sha256 of the raw file and the day it was fetched.</summary>
public sealed record SilverSource(string Bron, string Dataset, string RawSha256, DateOnly? Opgehaald = null)
{
    public static readonly SilverSource Unknown = new("", "", "");

    /// <summary>The <c>bron</c> column: dataset and raw sha256, e.g. <c>duo/mbo-studenten-per-instelling@sha256:ab12…</c>.</summary>
    public string Label => new Tables.SourceLabel(Bron, Dataset, RawSha256).ToString();
}

/// <summary><c>silver/mbo_studenten_per_instelling</c>: one row per institution, year and leerweg.</summary>
public sealed record StudentenRow(
    int Jaar, string Instellingscode, string Instellingsnaam, string Leerweg, int? Aantal, bool Onderdrukt, bool Voorlopig,
    SilverSource Bron);

/// <summary><c>silver/gediplomeerde_mbo_studenten</c>: one row per institution, programme, leerweg, niveau, sex and year.</summary>
public sealed record GediplomeerdenRow(
    int Jaar, string Instellingscode, string Instellingsnaam, string Leerweg, int Niveau, string Crebo, string Geslacht,
    int? Aantal, bool Onderdrukt, bool Voorlopig, SilverSource Bron);

/// <summary><c>silver/instromende_mbo_studenten</c>: one row per institution, programme, leerweg, niveau and year.</summary>
public sealed record InstroomRow(
    int Jaar, string Instellingscode, int Niveau, string Leerweg, string Crebo, int? Aantal, bool Onderdrukt, bool Voorlopig,
    SilverSource Bron);

/// <summary><c>silver/job_monitor</c>: one row per institution, year, theme and question.</summary>
public sealed record JobMonitorRow(
    int Jaar, string Instellingscode, string Thema, string Vraag, int? Respondenten, double? PercentagePositief,
    double? Rapportcijfer, SilverSource Bron);

/// <summary>
/// <c>silver/cbs_85368ned</c> (and other CBS tables): dimension codes and titles by column name, topics by column name.
/// Kept untyped because the dimensions differ per table.
/// </summary>
public sealed record CbsRow(
    int Jaar, string PeriodeType, string Periode, IReadOnlyDictionary<string, string> Dimensies,
    IReadOnlyDictionary<string, double?> Onderwerpen, SilverSource Bron);

/// <summary>Silver rows written by hand, for every year present; <see cref="SilverTotals.Of"/> folds them as gold reads the lake.</summary>
public sealed record SilverData
{
    public IReadOnlyList<StudentenRow> Studenten { get; init; } = [];
    public IReadOnlyList<GediplomeerdenRow> Gediplomeerden { get; init; } = [];
    public IReadOnlyList<InstroomRow> Instroom { get; init; } = [];
    public IReadOnlyList<JobMonitorRow> JobMonitor { get; init; } = [];
    public IReadOnlyList<CbsRow> Vsv { get; init; } = [];
}
