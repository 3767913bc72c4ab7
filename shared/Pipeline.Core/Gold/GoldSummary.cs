using Pipeline.Core.Tables;

namespace Pipeline.Core.Gold;

/// <summary>
/// What one gold run produced: its figures, the institution names it saw, and the problems that are news for the
/// operators (a rejected ambitions file, a warning that persists), as plain facts; the alerts stage words them.
/// </summary>
public sealed record GoldSummary(
    int Indicatoren,
    int Trajecten,
    IReadOnlyDictionary<string, int> Statussen,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Instellingsnamen,
    IReadOnlyList<PersistingWarning> PersistingWarnings,
    RejectedAmbitions? RejectedAmbitions)
{
    /// <summary>Set when the inputs were those of an earlier run's computation: its run id; nothing was recomputed.</summary>
    public string? UnchangedSince { get; init; }

    /// <summary>The run whose computation the gold tables hold: this one, <paramref name="runId"/>, or the one gold was unchanged since.</summary>
    public string ComputedIn(string runId) => UnchangedSince ?? runId;

    public string Describe() =>
        $"indicatoren: {Indicatoren} waarden; trajecten: {Trajecten} (" +
        string.Join(", ", TrajectoryStatus.All.Select(s => $"{s}={Statussen.GetValueOrDefault(s)}")) + ")";
}

/// <summary>An ambitions file refused whole: the ambitions in force stay; the file is in <paramref name="Quarantined"/>.</summary>
public sealed record RejectedAmbitions(string FileName, string Quarantined, IReadOnlyList<string> Errors);

/// <summary>An indicator warning seen in <paramref name="Runs"/> refreshes in a row, since run <paramref name="FirstRun"/>.</summary>
public sealed record PersistingWarning(string Indicator, string Text, int Runs, string FirstRun, DateTimeOffset FirstSeen);
