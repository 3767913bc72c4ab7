using System.Text.Json;

namespace Pipeline.Bench;

/// <summary>Writes a mode's results, with the machine and the date, to <c>artifacts/bench/{mode}.json</c> (or <c>--out</c>).</summary>
public static class BenchReport
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string DefaultPath(string mode) => Path.Combine("artifacts", "bench", mode + ".json");

    public static async Task WriteAsync(string path, string mode, object results)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var report = new Dictionary<string, object?>
        {
            ["mode"] = mode, ["generated"] = DateTimeOffset.UtcNow, ["machine"] = Machine.Describe(), ["results"] = results,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
        Console.WriteLine($"Wrote {path}");
    }
}
