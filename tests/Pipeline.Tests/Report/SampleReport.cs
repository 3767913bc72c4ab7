using System.CommandLine;
using DuckDB.NET.Data;
using Pipeline.Cli;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Report;

/// <summary>
/// The sample lake (<c>refresh --sample</c>) and its report (<c>report --out</c>), made once for the report tests,
/// with what DuckDB reads from <c>gold/trajecten</c> (Hive partitions on) to check the report against.
/// </summary>
public sealed class SampleReport : IDisposable
{
    private readonly TempDirectory _dir = new();
    public string Lake => Path.Combine(_dir.Path, "lake");
    public string Out => Path.Combine(_dir.Path, "report");
    public string ReportOutput { get; private set; } = "";

    public static async Task<SampleReport> CreateAsync()
    {
        var s = new SampleReport();
        var (exit, output) = await RunAsync("refresh", "--sample", "--lake", s.Lake);
        Assert.AreEqual(0, exit, output);
        (exit, s.ReportOutput) = await RunAsync("report", "--out", s.Out, "--lake", s.Lake);
        Assert.AreEqual(0, exit, s.ReportOutput);
        return s;
    }

    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await Program.BuildCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    public string IndexFile => Path.Combine(Out, "index.html");
    public IReadOnlyList<string> InstitutionFiles => Directory.GetFiles(Path.Combine(Out, "instelling"), "*.html").Order(StringComparer.Ordinal).ToList();

    /// <summary>Rows of a DuckDB query over <c>gold/trajecten</c>, which the query names <c>trajecten</c>.</summary>
    public List<object?[]> Query(string sql)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"WITH trajecten AS (SELECT * FROM read_parquet('{Lake}/gold/trajecten/**/*.parquet', hive_partitioning = true)) {sql}";
        using var reader = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }
        return rows;
    }

    public void Dispose() => _dir.Dispose();
}
