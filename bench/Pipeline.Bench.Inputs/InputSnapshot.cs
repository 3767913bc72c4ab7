using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Bench.Inputs;

/// <summary>
/// Every input of the pipeline at <c>scale</c> × its real size, in the layout of <c>samples/</c> (so one route table
/// serves both): the three DUO packages with all their resources, the two CBS tables as OData v3 pages, the JOB-monitor
/// uploads and an ambitions file. Scale 1 is the real size; scale 10 has ten times the rows (and ten times the
/// institutions, so every key stays unique); a scale below 1 is for tests.
/// </summary>
public sealed record InputSnapshot(string Root, double Scale, int Institutions, IReadOnlyList<GeneratedFile> Files, TimeSpan Generation)
{
    public long Bytes => Files.Sum(f => f.Bytes);
    public long Rows => Files.Where(f => f.Path.EndsWith(".csv", StringComparison.Ordinal) || f.Path.Contains("TypedDataSet", StringComparison.Ordinal))
        .Sum(f => f.Rows);

    public string JobFolder => Path.Combine(Root, "job");
    public string AmbitionsFile => Path.Combine(Root, "ambities", "ambities.csv");

    public static InputSnapshot Write(string root, double scale)
    {
        if (scale <= 0) throw new ArgumentOutOfRangeException(nameof(scale), "scale must be positive");
        var sw = Stopwatch.StartNew();
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        var institutions = Institution.Generate((int)Math.Max(Institution.RealCount, Math.Round(Institution.RealCount * scale)));
        var files = new List<GeneratedFile>();
        files.AddRange(DuoPackages.Write(root, scale, institutions));
        files.AddRange(CbsTables.Write(root, scale));
        files.AddRange(Uploads.Write(root, institutions));
        var snapshot = new InputSnapshot(root, scale, institutions.Count, files, sw.Elapsed);
        File.WriteAllText(Path.Combine(root, "inputs.json"), JsonSerializer.Serialize(
            new { scale, institutions = institutions.Count, bytes = snapshot.Bytes, rows = snapshot.Rows, files },
            new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return snapshot;
    }
}
