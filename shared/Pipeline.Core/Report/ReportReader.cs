using Pipeline.Core.Tables;
using Parquet;
using Parquet.Serialization;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;

namespace Pipeline.Core.Report;

/// <summary>
/// Reads what the report shows: the gold tables (through <see cref="GoldTableStore"/>), institution names from silver,
/// and source freshness, gold's last write and provisional years from the status report and the raw sidecars.
/// </summary>
public sealed class ReportReader(ILakeStore lake, FreshnessOptions? freshness = null, TimeProvider? clock = null)
{
    private const string NamesTable = "mbo_studenten_per_instelling";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<ReportData> ReadAsync(CancellationToken ct = default)
    {
        var trajecten = await GoldTableStore.ReadTrajectenAsync(lake, ct);
        var indicatoren = await GoldTableStore.ReadIndicatorenAsync(lake, ct);
        var alerts = await GoldTableStore.ReadAlertsAsync(lake, ct);

        var status = await new StatusReportBuilder(lake, freshness, _clock).BuildAsync(ct);
        var pointers = await FreshnessMonitor.ReadPointersAsync(lake, ct);
        var bronnen = status.Datasets.Select(d => new ReportSource(d.Bron, d.Dataset, d.RetrievedAt, d.SourceLastModified,
                d.Freshness.State, pointers.GetValueOrDefault($"{d.Bron}/{d.Dataset}")?.Sidecar?.VoorlopigJaar))
            .ToList();

        // The run that computed gold may be this one, whose manifest is not written yet: its own record says so.
        var (goldRunId, goldWritten) = (status.Gold.LastRunId, status.Gold.LastWritten);
        if (await GoldComputation.ReadAsync(lake, ct) is { } computed && string.CompareOrdinal(computed.RunId, goldRunId ?? "") >= 0)
            (goldRunId, goldWritten) = (computed.RunId, computed.Computed);

        var names = await NamesAsync(ct);
        foreach (var a in alerts.Where(a => a.Instellingsnaam.Length > 0)) names.TryAdd(a.Instellingscode, a.Instellingsnaam);

        return new ReportData
        {
            GeneratedAt = _clock.GetUtcNow(),
            Trajecten = trajecten,
            Indicatoren = indicatoren,
            Alerts = alerts,
            Instellingsnamen = names,
            Bronnen = bronnen,
            Ambities = await new AmbitionsStore(lake, _clock).ReadInForceAsync(ct),
            GoldWritten = goldWritten,
            GoldRunId = goldRunId,
            VoorlopigeJaren = indicatoren.Where(i => i.Kwaliteit == Kwaliteit.Voorlopig).Select(i => (i.Indicator, i.Jaar)).ToHashSet(),
        };
    }

    /// <summary>The newest name per instellingscode in <c>silver/mbo_studenten_per_instelling</c> (empty when absent).</summary>
    private async Task<Dictionary<string, string>> NamesAsync(CancellationToken ct)
    {
        var newest = new Dictionary<string, (int Jaar, string Naam)>(StringComparer.Ordinal);
        await foreach (var e in lake.ListAsync($"{LakeZones.Silver}/{NamesTable}/", ct))
        {
            if (!e.Path.Value.EndsWith(".parquet", StringComparison.Ordinal)) continue;
            var jaar = e.Path.Value.Split('/') is [_, _, var part, ..] && part.StartsWith("jaar=", StringComparison.Ordinal)
                && int.TryParse(part["jaar=".Length..], out var j) ? j : 0;
            await using var s = await lake.OpenReadAsync(e.Path, ct);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms, ct);
            ms.Position = 0;
            var rows = await ParquetSerializer.DeserializeUntypedAsync(ms, new ParquetOptions(), cancellationToken: ct);
            foreach (var r in rows.Data)
            {
                var code = Text(r.GetValueOrDefault("instellingscode"));
                var naam = Text(r.GetValueOrDefault("instellingsnaam"));
                if (code.Length == 0 || naam.Length == 0) continue;
                if (!newest.TryGetValue(code, out var seen) || jaar >= seen.Jaar) newest[code] = (jaar, naam);
            }
        }
        return newest.ToDictionary(kv => kv.Key, kv => kv.Value.Naam, StringComparer.Ordinal);
    }

    private static string Text(object? v) => (v is ReadOnlyMemory<char> m ? m.ToString() : v?.ToString())?.Trim() ?? "";
}
