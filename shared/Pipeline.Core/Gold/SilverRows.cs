using Pipeline.Core.Indicators;

namespace Pipeline.Core.Gold;

// Typed mirrors of the silver tables (see the silver table contract). Gold is a pure function of these rows; reading
// them from Parquet lives in GoldTableIo, so the formulas can be tested on rows written by hand.

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

/// <summary>Everything gold reads from silver, for every year present.</summary>
public sealed record SilverData
{
    public IReadOnlyList<StudentenRow> Studenten { get; init; } = [];
    public IReadOnlyList<GediplomeerdenRow> Gediplomeerden { get; init; } = [];
    public IReadOnlyList<InstroomRow> Instroom { get; init; } = [];
    public IReadOnlyList<JobMonitorRow> JobMonitor { get; init; } = [];
    public IReadOnlyList<CbsRow> Vsv { get; init; } = [];

    /// <summary>Institution names by code, from the DUO tables (newest year wins).</summary>
    public IReadOnlyDictionary<string, string> InstellingsNamen() =>
        Studenten.Select(r => (r.Jaar, r.Instellingscode, r.Instellingsnaam))
            .Concat(Gediplomeerden.Select(r => (r.Jaar, r.Instellingscode, r.Instellingsnaam)))
            .Where(r => !string.IsNullOrWhiteSpace(r.Instellingsnaam))
            .GroupBy(r => r.Instellingscode)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Jaar).Instellingsnaam);

    /// <summary>Every institution code some source knows (for the ambitions warning on unknown codes).</summary>
    public IReadOnlySet<string> BekendeInstellingen() =>
        Studenten.Select(r => r.Instellingscode).Concat(Gediplomeerden.Select(r => r.Instellingscode))
            .Concat(Instroom.Select(r => r.Instellingscode)).Concat(JobMonitor.Select(r => r.Instellingscode))
            .Append(IndicatorCatalog.Landelijk).ToHashSet(StringComparer.Ordinal);
}
