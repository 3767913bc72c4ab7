using Pipeline.Core.Lake;

namespace Pipeline.Core.Gold;

/// <summary>
/// <c>_state/gold/inputs.json</c>: the last successful gold computation, its input fingerprint (<see cref="GoldInputs"/>)
/// and what it produced, so a run with the same inputs can report the same summary (and feed the same warnings to
/// <see cref="IndicatorWarningStreaks"/>) without recomputing. Written only after the gold tables were written.
/// </summary>
public sealed record GoldComputation
{
    public static readonly LakePath StatePath = LakePath.Parse($"{LakeZones.State}/gold/inputs.json");

    public required string Fingerprint { get; init; }
    public required string RunId { get; init; }
    /// <summary>When the gold tables were written.</summary>
    public required DateTimeOffset Computed { get; init; }
    public required string Message { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public IReadOnlyList<IndicatorWarning> IndicatorWarnings { get; init; } = [];
    public int Indicatoren { get; init; }
    public int Trajecten { get; init; }
    public IReadOnlyDictionary<string, int> Statussen { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, string> Instellingsnamen { get; init; } = new Dictionary<string, string>();
    /// <summary>The gold files written; all must still exist for the computation to stand.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    public static Task<GoldComputation?> ReadAsync(ILakeStore lake, CancellationToken ct) =>
        lake.ReadJsonAsync<GoldComputation>(StatePath, LakeJson.SnakeCase, ct);

    public Task WriteAsync(ILakeStore lake, CancellationToken ct) => lake.WriteJsonAsync(StatePath, this, LakeJson.SnakeCase, ct);

    /// <summary>True when every gold file this computation wrote is still in the lake (one listing of <c>gold/</c>).</summary>
    public Task<bool> OutputsPresentAsync(ILakeStore lake, CancellationToken ct) => lake.ContainsAllAsync($"{LakeZones.Gold}/", Outputs, ct);

    /// <summary>The summary of a run that found the same inputs: this computation's figures and this run's persisting warnings.</summary>
    public GoldSummary Summary(IReadOnlyList<PersistingWarning> persisting) =>
        new(Indicatoren, Trajecten, Statussen, Warnings, Instellingsnamen, persisting, null) { UnchangedSince = RunId };
}
