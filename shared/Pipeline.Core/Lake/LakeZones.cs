namespace Pipeline.Core.Lake;

/// <summary>The top-level folders of the lake; <c>docs/lake.md</c> is the contract analysts read.</summary>
public static class LakeZones
{
    public const string Landing = "landing";
    public const string Raw = "raw";
    public const string Silver = "silver";
    public const string Gold = "gold";
    public const string Quarantine = "quarantine";
    public const string Runs = "_runs";
    public const string State = "_state";
    /// <summary>The HTML report for directie mbo, rewritten after every gold run.</summary>
    public const string Reports = "reports";

    public static readonly IReadOnlyList<string> All = [Landing, Raw, Silver, Gold, Quarantine, Runs, State, Reports];
}
