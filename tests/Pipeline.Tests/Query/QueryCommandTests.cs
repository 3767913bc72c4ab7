using Pipeline.Core.Tables;
using System.CommandLine;
using Pipeline.Cli;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Tests.Infrastructure;
using Sylvan.Data.Csv;

namespace Pipeline.Tests.Query;

/// <summary><c>pipeline query</c> on the sample lake, as an analyst runs it.</summary>
[TestClass]
public sealed class QueryCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Program.BuildCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<Dictionary<string, long>> StatusCountsFromGoldAsync(string lake) =>
        (await GoldTableStore.ReadTrajectenAsync(new FileSystemLake(lake)))
            .GroupBy(r => r.Status).ToDictionary(g => g.Key, g => (long)g.Count());

    private static List<string[]> ParseCsv(string csv)
    {
        using var reader = CsvDataReader.Create(new StringReader(csv));
        var rows = new List<string[]> { Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray() };
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return rows;
    }

    [TestMethod]
    public async Task Status_counts_of_trajecten_equal_the_refresh_summary_and_the_gold_table_read_with_Parquet_Net()
    {
        var lake = await SampleLake.PathAsync();
        var (exit, output, error) = await RunAsync("query", "SELECT status, count(*) FROM trajecten GROUP BY 1", "--lake", lake);
        Assert.AreEqual(0, exit, error);
        Assert.AreEqual("", error);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        StringAssert.StartsWith(lines[0], "status");
        StringAssert.StartsWith(lines[1], "---");
        var printed = lines[2..^1].Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0], p => long.Parse(p[1]));
        var expected = await StatusCountsFromGoldAsync(lake);
        CollectionAssert.AreEquivalent(expected.ToList(), printed.ToList());
        var summary = System.Text.RegularExpressions.Regex.Matches(SampleLake.RefreshOutput, @"\b(op_koers|risico|uit_koers|onvoldoende_data)=(\d+)")
            .ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value));
        CollectionAssert.AreEquivalent(summary.Where(kv => kv.Value > 0).ToList(), printed.ToList(), SampleLake.RefreshOutput);
        Assert.AreEqual($"({expected.Count} rows)", lines[^1].Trim());
    }

    [TestMethod]
    public async Task Csv_output_parses_back_to_the_same_rows_as_the_text_output()
    {
        var lake = await SampleLake.PathAsync();
        const string sql = "SELECT instellingscode, indicator, jaar, waarde, kwaliteit, bron_opgehaald FROM indicatoren ORDER BY ALL";
        var (exit, csv, error) = await RunAsync("query", sql, "--lake", lake, "--format", "csv");
        Assert.AreEqual(0, exit, error);

        var parsed = ParseCsv(csv);
        CollectionAssert.AreEqual(new[] { "instellingscode", "indicator", "jaar", "waarde", "kwaliteit", "bron_opgehaald" }, parsed[0]);
        var result = await new Pipeline.Core.Query.LakeQuery(new FileSystemLake(lake)).RunAsync(sql);
        Assert.AreEqual(result.Rows.Count, parsed.Count - 1);
        Assert.IsTrue(result.Rows.Count > 100, "the sample has hundreds of indicator values");
        for (var i = 0; i < result.Rows.Count; i++)
            CollectionAssert.AreEqual(result.Rows[i].Select(v => Pipeline.Core.Query.QueryOutput.Format(v) ?? "").ToArray(), parsed[i + 1], $"row {i}");

        var statuses = ParseCsv((await RunAsync("query", "SELECT status, count(*) AS n FROM trajecten GROUP BY 1", "--lake", lake, "--format", "csv")).Output);
        CollectionAssert.AreEquivalent((await StatusCountsFromGoldAsync(lake)).Select(kv => $"{kv.Key}={kv.Value}").ToList(),
            statuses.Skip(1).Select(r => $"{r[0]}={r[1]}").ToList());
    }

    [TestMethod]
    public async Task A_syntax_error_exits_2_with_DuckDBs_message_on_stderr_and_nothing_else()
    {
        var lake = await SampleLake.PathAsync();
        var (exit, output, error) = await RunAsync("query", "SELEC status FROM trajecten", "--lake", lake);
        Assert.AreEqual(2, exit);
        Assert.AreEqual("", output);
        StringAssert.StartsWith(error, "Parser Error: syntax error at or near \"SELEC\"");

        var (unknown, _, message) = await RunAsync("query", "SELECT nope FROM trajecten", "--lake", lake);
        Assert.AreEqual(2, unknown);
        StringAssert.Contains(message, "Binder Error");
        StringAssert.Contains(message, "nope");
    }

    [TestMethod]
    public async Task Json_and_out_write_the_rows_to_a_file_with_numbers_as_numbers()
    {
        var lake = await SampleLake.PathAsync();
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "jaren.json");
        var (exit, output, error) = await RunAsync("query", "SELECT jaar, count(*) AS n FROM mbo_studenten_per_instelling GROUP BY 1 ORDER BY 1",
            "--lake", lake, "--format", "json", "--out", file);
        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(output, "5 row(s) written to");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        var rows = json.RootElement.EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { 2021, 2022, 2023, 2024, 2025 }, rows.Select(r => r.GetProperty("jaar").GetInt32()).ToArray());
        Assert.IsTrue(rows.All(r => r.GetProperty("n").GetInt64() == 60));
    }

    [TestMethod]
    public async Task Tables_lists_every_silver_and_gold_table_with_its_columns_and_their_meaning()
    {
        var lake = await SampleLake.PathAsync();
        var (exit, output, error) = await RunAsync("query", "--tables", "--lake", lake);
        Assert.AreEqual(0, exit, error);
        foreach (var table in new[] { "mbo_studenten_per_instelling", "gediplomeerde_mbo_studenten", "instromende_mbo_studenten",
                     "instromende_mbo_studenten_vooropleiding", "cbs_85368ned", "cbs_85696ned", "job_monitor", "indicatoren", "trajecten", "alerts" })
            StringAssert.Contains("\n" + output, $"\n{table} (", table);
        StringAssert.Contains(output, "`op_koers`");
        StringAssert.Contains(output, "voortijdige_schoolverlaters_2", "CBS topic columns come from the lake's _columns.json");
    }

    [TestMethod]
    public async Task Neither_a_query_nor_tables_is_a_usage_error()
    {
        var (exit, output, error) = await RunAsync("query");
        Assert.AreEqual(2, exit);
        Assert.AreEqual("", output);
        StringAssert.Contains(error, "--tables");
    }
}
