using System.CommandLine;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Cli;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.EndToEnd;

/// <summary>
/// The README's main command, <c>pipeline refresh --sample</c>, on a fresh local lake: every sample snapshot goes
/// through bronze, silver and gold, analysts can read every table with DuckDB, and both alert severities appear.
/// </summary>
[TestClass]
public sealed class SampleRefreshTests
{
    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await Program.BuildCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private static long Count(DuckDBConnection db, string glob)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    [TestMethod]
    public async Task Sample_refresh_normalises_every_snapshot_and_yields_alerts_of_both_severities_readable_by_DuckDB()
    {
        using var dir = new TempDirectory();
        var (exit, output) = await RunAsync("refresh", "--sample", "--lake", dir.Path);
        Assert.AreEqual(0, exit, output);
        StringAssert.Contains(output, "sources: 17 fetched, 0 unchanged, 0 failed", "12 DUO resources (leerweg file, diplomas, 10 inflow files), 2 CBS tables, 3 uploads");

        var lake = new FileSystemLake(dir.Path);
        var run = (await RunRecorder.ReadAsync(lake, (await lake.NamesAsync("_runs/")).Select(LakePath.Parse).Single()))!;
        var silver = run.Stages.Where(s => s.Stage == "silver").ToList();
        Assert.AreEqual(0, silver.Count(s => s.Status == StageStatuses.Failed), string.Join("; ", silver.SelectMany(s => s.Errors)));
        var tables = silver.SelectMany(s => s.Outputs).Select(o => o.Path.Split('/')[1]).Distinct().Order().ToList();
        CollectionAssert.AreEqual(new[] { "cbs_85368ned", "cbs_85696ned", "gediplomeerde_mbo_studenten", "instromende_mbo_studenten",
            "instromende_mbo_studenten_vooropleiding", "job_monitor", "mbo_studenten_per_instelling" }, tables);

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        foreach (var table in tables)
        {
            var written = silver.SelectMany(s => s.Outputs).Where(o => o.Path.Split('/')[1] == table).Sum(o => o.Rows ?? 0);
            Assert.AreEqual(written, Count(db, $"{dir.Path}/silver/{table}/**/*.parquet"), table);
        }
        var gold = run.Stages.Single(s => s.Stage == "gold");
        var alerts = run.Stages.Single(s => s.Stage == "alerts");
        foreach (var (table, stage) in new[] { ("indicatoren", gold), ("trajecten", gold), ("alerts", alerts) })
        {
            var written = stage.Outputs.Where(o => o.Path.Split('/')[1] == table).Sum(o => o.Rows ?? 0);
            Assert.IsTrue(written > 0, table);
            Assert.AreEqual(written, Count(db, $"{dir.Path}/gold/{table}/**/*.parquet"), table);
        }

        // vsv_landelijk is the A025290 row at the Geslacht and Herkomst totals, not the table total T001336 (vo + mbo).
        var expected = new Dictionary<int, double>();
        foreach (var page in Directory.EnumerateFiles(Path.Combine(RepoRoot.Find(), "samples", "cbs", "85368NED"), "TypedDataSet*.json"))
            foreach (var row in System.Text.Json.JsonDocument.Parse(File.ReadAllText(page)).RootElement.GetProperty("value").EnumerateArray())
                if ((row.GetProperty("Onderwijssoort").GetString()!.Trim(), row.GetProperty("Geslacht").GetString()!.Trim(), row.GetProperty("Herkomst").GetString()!.Trim())
                    == ("A025290", "T001038", "T001040"))
                    expected[int.Parse(row.GetProperty("Perioden").GetString()![..4])] = row.GetProperty("VoortijdigeSchoolverlaters_2").GetDouble();
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT jaar, waarde FROM read_parquet('{dir.Path}/gold/indicatoren/**/*.parquet', hive_partitioning = true) " +
                              "WHERE indicator = 'vsv_landelijk' ORDER BY jaar";
            using var reader = cmd.ExecuteReader();
            var actual = new Dictionary<int, double>();
            while (reader.Read()) actual[Convert.ToInt32(reader.GetValue(0))] = reader.GetDouble(1);
            CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList());
        }
        Assert.AreEqual(5, expected.Count);
        Assert.IsFalse(gold.Warnings.Any(), string.Join("; ", gold.Warnings));

        var severities = Regex.Match(output, @"waarschuwing=(\d+), kritiek=(\d+)");
        Assert.IsTrue(severities.Success, output);
        Assert.IsTrue(int.Parse(severities.Groups[1].Value) > 0, "no waarschuwing: " + severities.Value);
        Assert.IsTrue(int.Parse(severities.Groups[2].Value) > 0, "no kritiek: " + severities.Value);
        StringAssert.Contains(output, "op_koers=");

        var (again, second) = await RunAsync("refresh", "--sample", "--lake", dir.Path);
        Assert.AreEqual(0, again, second);
        // Snapshots already in raw are not offered again: one "no new uploads" line per upload folder (14 + 2).
        StringAssert.Contains(second, "sources: 0 fetched, 16 unchanged, 0 failed");
        StringAssert.Contains(second, "queued 0");
    }
}
