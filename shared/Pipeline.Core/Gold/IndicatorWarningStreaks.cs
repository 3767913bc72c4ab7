using System.Text.Json.Serialization;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Gold;

/// <summary>
/// How many gold runs in a row each indicator warning occurred (<c>_state/gold/indicator_warnings.json</c>); a run whose
/// gold inputs were unchanged counts with the warnings of the computation it stands on, so the count is of refreshes. A
/// warning seen in <see cref="GoldOptions.WarningRuns"/> runs in a row persists: the alerts stage reports it once per
/// streak (its text names the run the streak began in); a run without the warning ends the streak.
/// </summary>
public sealed class IndicatorWarningStreaks(ILakeStore lake, int alertAfter)
{
    public static readonly LakePath StatePath = LakePath.Parse($"{LakeZones.State}/gold/indicator_warnings.json");

    public sealed record Streak(
        [property: JsonPropertyName("indicator")] string Indicator,
        [property: JsonPropertyName("runs")] int Runs,
        [property: JsonPropertyName("first_run")] string FirstRun,
        [property: JsonPropertyName("first_seen")] DateTimeOffset FirstSeen);

    /// <summary>Records this run's warnings; returns those that persist.</summary>
    public async Task<IReadOnlyList<PersistingWarning>> UpdateAsync(string runId, DateTimeOffset now, IReadOnlyList<IndicatorWarning> warnings,
        CancellationToken ct = default)
    {
        var previous = await lake.ReadJsonAsync<Dictionary<string, Streak>>(StatePath, ct: ct) ?? [];
        var current = new Dictionary<string, Streak>(StringComparer.Ordinal);
        foreach (var w in warnings.DistinctBy(w => w.Text))
            current[w.Text] = previous.TryGetValue(w.Text, out var p) ? p with { Runs = p.Runs + 1 } : new Streak(w.Indicator, 1, runId, now);
        if (current.Count > 0 || previous.Count > 0) await lake.WriteJsonAsync(StatePath, current, ct: ct);
        return current.Where(kv => kv.Value.Runs >= alertAfter)
            .Select(kv => new PersistingWarning(kv.Value.Indicator, kv.Key, alertAfter, kv.Value.FirstRun, kv.Value.FirstSeen)).ToList();
    }
}
