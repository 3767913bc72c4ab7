using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Core.Orchestration;

/// <summary><see cref="StatusReport"/> as aligned plain text for operators, or as JSON (<c>pipeline status --json</c>).</summary>
public static class StatusRenderer
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Dataset names and errors stay readable; the output is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(StatusReport report) => JsonSerializer.Serialize(report, Json) + Environment.NewLine;

    public static string ToText(StatusReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Lake: {r.Lake}   (status at {Time(r.GeneratedAt)})");
        sb.AppendLine();

        sb.AppendLine("Datasets");
        if (r.Datasets.Count == 0) sb.AppendLine("  none yet: run `pipeline refresh` first");
        else
            Table(sb, ["DATASET", "RAW FILE", "RETRIEVED", "SOURCE MODIFIED", "SILVER TABLE", "SILVER BUILT", "JAAR", "FRESHNESS"],
                r.Datasets.Select(d => new[]
                {
                    d.Freshness.Label, ShortRaw(d.RawFile) + (d.RawFiles > 1 ? $" +{d.RawFiles - 1}" : ""), Day(d.RetrievedAt), SourceModified(d), d.SilverTable ?? "-",
                    d.SilverTable is null ? "-" : d.SilverRunId is null ? "not built" : $"{RunDay(d.SilverRunId)} " + (d.SilverCurrent == true ? "current" : "BEHIND"),
                    Years(d.SilverPartitions), Freshness(d.Freshness),
                }));
        sb.AppendLine();

        var g = r.Gold;
        sb.AppendLine("Gold: " + (g.LastRunId is null ? "never written" : $"last written {Time(g.LastWritten)} by run {g.LastRunId}") +
                      (g.Current switch { true => ", current with silver", false => $", BEHIND silver (run {g.NewestSilverRunId})", null => "" }));
        if (g.Tables.Count > 0)
            Table(sb, ["TABLE", "JAAR", "FILES", "LAST MODIFIED"],
                g.Tables.Select(t => new[] { t.Table, Years(t.Partitions), t.Files.ToString(CultureInfo.InvariantCulture), Time(t.LastModified) }));
        sb.AppendLine();

        if (r.LastRun is { } run)
        {
            sb.AppendLine($"Last run: {run.RunId} ({run.Trigger}, {run.Host}) started {Time(run.Started)}" +
                          (run.Ended is { } e ? $", took {(e - run.Started).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s" : "") +
                          $": {run.Outcome.ToUpperInvariant()}, {run.Stages} stages");
            foreach (var f in run.FailedStages)
                sb.AppendLine($"  failed: {f.Stage} {f.Dataset}".TrimEnd() + ": " + string.Join("; ", f.Errors));
        }
        else sb.AppendLine("Last run: no runs recorded yet");
        sb.AppendLine();

        var a = r.Alerts;
        sb.AppendLine(a.PendingTotal == 0
            ? $"Alerts: nothing pending in the outbox ({a.Reported} alert keys reported so far)"
            : $"Alerts: {a.PendingTotal} pending in the outbox ({a.Reported} alert keys reported so far)");
        if (a.Pending.Count > 0)
            Table(sb, ["CHANNEL", "PENDING", "OLDEST", "ATTEMPTS", "LAST ERROR"],
                a.Pending.Select(p => new[] { p.Channel, p.Count.ToString(CultureInfo.InvariantCulture), Time(p.OldestQueued), p.Attempts.ToString(CultureInfo.InvariantCulture), p.LastError ?? "-" }));
        sb.AppendLine();

        foreach (var w in r.Warnings) sb.AppendLine($"Warning: {w}");
        if (r.Problems.Count == 0) sb.AppendLine("Status: OK");
        else
        {
            sb.AppendLine($"Status: ATTENTION, {r.Problems.Count} problem(s)");
            foreach (var p in r.Problems) sb.AppendLine($"  - {p}");
        }
        return sb.ToString();
    }

    private static string Freshness(DatasetFreshness f) => f.State switch
    {
        DatasetFreshness.Failing => $"FAILING {f.ConsecutiveFailures} runs since {Day(f.FailingSince)}",
        DatasetFreshness.Stale => $"STALE since {Day(f.ContentSince)} (max {f.MaxAge!.Value.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} d)",
        _ => "ok" + (f.ConsecutiveFailures > 0 ? $" ({f.ConsecutiveFailures} failed run{(f.ConsecutiveFailures == 1 ? "" : "s")})" : "") +
             (f.MaxAge is null ? " (no age limit)" : ""),
    };

    private static string SourceModified(DatasetStatus d) =>
        d.UploadedName is { } up ? "upload " + up
        : d.SourceLastModified is { Length: >= 10 } s ? s[..10] : d.SourceLastModified ?? "-";

    /// <summary><c>raw/duo/x/2026-11-23/bdd8…90.csv</c> → <c>2026-11-23/bdd8fc99e949….csv</c>: the folder date and enough of the hash.</summary>
    private static string ShortRaw(string? path)
    {
        if (path is null) return "-";
        var parts = path.Split('/');
        if (parts.Length != 5) return path;
        var name = parts[4];
        var dot = name.IndexOf('.');
        return dot > 12 ? $"{parts[3]}/{name[..12]}…{name[dot..]}" : $"{parts[3]}/{name}";
    }

    private static string Years(IReadOnlyList<int> years)
    {
        if (years.Count == 0) return "-";
        var sorted = years.Order().ToList();
        return sorted[^1] - sorted[0] == sorted.Count - 1 && sorted.Count > 1
            ? $"{sorted[0]}-{sorted[^1]}"
            : string.Join(",", sorted);
    }

    private static string RunDay(string runId) =>
        runId.Length >= 8 && DateOnly.TryParseExact(runId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : runId;

    private static string Day(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "-";

    private static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "-";

    private static void Table(StringBuilder sb, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
            sb.AppendLine(("  " + string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i])))).TrimEnd());
    }
}
