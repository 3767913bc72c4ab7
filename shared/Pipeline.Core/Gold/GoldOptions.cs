using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pipeline.Core.Datasets;
using Pipeline.Core.Sources;

namespace Pipeline.Core.Gold;

/// <summary>
/// Settings of the gold stage, bound and validated at start-up: the rows and topics read from CBS tables
/// (<c>Sources:Cbs:Tables:{table}:Rows:*</c> and <c>:Topic</c>, over the declarations in <see cref="DatasetCatalog"/>) and
/// after how many refreshes in a row (gold computed or unchanged) the same indicator warning becomes an operator alert
/// (<c>Alerts:Operators:IndicatorWarningRuns</c>, default 3).
/// </summary>
public sealed record GoldOptions
{
    public const string WarningRunsKey = "Alerts:Operators:IndicatorWarningRuns";
    public const int DefaultWarningRuns = 3;

    /// <summary>By CBS table id; null: the declared selections.</summary>
    public IReadOnlyDictionary<string, CbsRowSelection>? CbsRows { get; init; }
    public int WarningRuns { get; init; } = DefaultWarningRuns;

    public static GoldOptions FromConfiguration(IConfiguration config)
    {
        var runs = DefaultWarningRuns;
        if (config[WarningRunsKey] is { } v && (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out runs) || runs < 1))
            throw new InvalidOperationException($"{WarningRunsKey} must be a whole number of at least 1, not '{v}'.");
        return new GoldOptions { CbsRows = SourceCatalog.From(config).Cbs.RowSelections(), WarningRuns = runs };
    }
}
