using System.Text.Json;

namespace Pipeline.Bench.Silver;

/// <summary>
/// What a measuring child process reports on its last line (<c>RESULT {json}</c>): the job's own time (without the
/// process start-up), the process's CPU time, rows, status and peak RSS (<c>VmHWM</c>) read by itself just before it exits.
/// </summary>
public sealed record ChildReport(string Status, long Rows, double Seconds, double CpuSeconds, long PeakRssBytes)
{
    private const string Prefix = "RESULT ";
    private static readonly JsonSerializerOptions OneLine = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public void Print() => Console.WriteLine(Prefix + JsonSerializer.Serialize(this, OneLine));

    public static ChildReport Parse(ChildResult child)
    {
        var line = child.Output.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the child printed no result (exit {child.ExitCode}): {child.Error}{child.Output}");
        return JsonSerializer.Deserialize<ChildReport>(line[Prefix.Length..], OneLine)!;
    }
}
