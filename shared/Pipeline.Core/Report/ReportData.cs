using Pipeline.Core.Tables;
using Pipeline.Core.Gold;

namespace Pipeline.Core.Report;

/// <summary>Everything the report shows, read from the lake in one go (<see cref="ReportReader"/>).</summary>
public sealed record ReportData
{
    public required DateTimeOffset GeneratedAt { get; init; }
    public required IReadOnlyList<TrajectRow> Trajecten { get; init; }
    public required IReadOnlyList<IndicatorRow> Indicatoren { get; init; }
    public required IReadOnlyList<AlertRow> Alerts { get; init; }
    /// <summary>Instellingscode → the newest name a source gives it.</summary>
    public required IReadOnlyDictionary<string, string> Instellingsnamen { get; init; }
    public required IReadOnlyList<ReportSource> Bronnen { get; init; }
    /// <summary>The ambitions in force (<c>_state/ambities/current.csv</c>).</summary>
    public IReadOnlyList<Ambition> Ambities { get; init; } = [];
    /// <summary>When the gold tables were last written, and by which run.</summary>
    public DateTimeOffset? GoldWritten { get; init; }
    public string? GoldRunId { get; init; }

    /// <summary>A year of an indicator is provisional when any of its values that year is marked <c>voorlopig</c>.</summary>
    public bool IsVoorlopig(string indicator, int jaar) => VoorlopigeJaren.Contains((indicator, jaar));

    public IReadOnlySet<(string Indicator, int Jaar)> VoorlopigeJaren { get; init; } = new HashSet<(string, int)>();

    public string NaamVan(string instellingscode) => Instellingsnamen.GetValueOrDefault(instellingscode) ?? instellingscode;

    /// <summary>The trajectories (instelling, indicator) of one institution, each with its rows by year.</summary>
    public IReadOnlyList<IGrouping<string, TrajectRow>> TrajectenVan(string instellingscode) =>
        Trajecten.Where(t => t.Instellingscode == instellingscode)
            .OrderBy(t => t.Jaar).GroupBy(t => t.Indicator).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Instellingen =>
        Trajecten.Select(t => t.Instellingscode).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Ambitions in force whose indicator has no values yet, so no trajectory and no chart.</summary>
    public IReadOnlyList<Ambition> AmbitiesZonderTraject
    {
        get
        {
            var withTrajectory = Trajecten.Select(t => (t.Instellingscode, t.Indicator)).ToHashSet();
            return Ambities.Where(a => !withTrajectory.Contains((a.Instellingscode, a.Indicator)))
                .OrderBy(a => a.Instellingscode, StringComparer.Ordinal).ThenBy(a => a.Indicator, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The newest year of a trajectory: its current status.</summary>
    public IReadOnlyList<TrajectRow> Nieuwste =>
        Trajecten.GroupBy(t => (t.Instellingscode, t.Indicator)).Select(g => g.MaxBy(t => t.Jaar)!).ToList();
}

/// <summary>One source dataset: when its current content was retrieved, its freshness and the year it marks provisional.</summary>
public sealed record ReportSource(string Bron, string Dataset, DateTimeOffset? Opgehaald, string? BronGewijzigd, string Versheid, int? VoorlopigJaar);
