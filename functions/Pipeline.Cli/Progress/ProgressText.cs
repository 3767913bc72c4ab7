using System.Globalization;

namespace Pipeline.Cli.Progress;

/// <summary>The words of both progress outputs: <c>silver · instromende_mbo_studenten · 1.234.567 rijen</c>, Dutch number format.</summary>
public static class ProgressText
{
    private static readonly NumberFormatInfo Dutch = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };
    private const double Mega = 1_000_000;

    public static string Stage(string stage, string? dataset) => dataset is null ? stage : $"{stage} · {dataset}";

    public static string Bytes(string stage, string? dataset, long done, long? total) =>
        $"{Stage(stage, dataset)} · " + (total is > 0 ? $"{Mb(done)} / {Mb(total.Value)} MB" : $"{Mb(done)} MB");

    public static string Rows(string stage, string? dataset, long rows) => $"{Stage(stage, dataset)} · {rows.ToString("N0", Dutch)} rijen";

    private static string Mb(long bytes) => (bytes / Mega).ToString("N1", Dutch);
}
