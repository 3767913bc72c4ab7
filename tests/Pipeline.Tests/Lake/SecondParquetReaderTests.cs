using System.Diagnostics;
using System.Text.Json;
using Pipeline.Core.Lake;
using Pipeline.Core.Query;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Lake;

/// <summary>
/// Readers other than DuckDB (pandas/pyarrow, Power BI, Spark) must see the same tables: every silver and gold file of
/// the sample lake is read with hyparquet, a pure-JavaScript Parquet implementation independent of Parquet.Net and
/// DuckDB (<c>scripts/parquet-schema.mjs</c>), and its rows, columns and types are compared with DuckDB's view.
/// </summary>
[TestClass]
public sealed class SecondParquetReaderTests
{
    private sealed record FileColumn(string Name, string? PhysicalType, string? LogicalType, string? ConvertedType);

    private sealed record FileReport(string Path, int Rows, long MetadataRows, IReadOnlyList<FileColumn> Columns);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static IReadOnlyList<FileReport> ReadWithHyparquet(IReadOnlyList<string> files)
    {
        var root = RepoRoot.Find();
        var start = new ProcessStartInfo("node") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "parquet-schema.mjs"));
        foreach (var f in files) start.ArgumentList.Add(f);
        using var node = Process.Start(start)!;
        var stderr = node.StandardError.ReadToEndAsync();
        var stdout = node.StandardOutput.ReadToEnd();
        node.WaitForExit();
        Assert.AreEqual(0, node.ExitCode, $"node scripts/parquet-schema.mjs failed (run 'npm ci' first): {stderr.Result}");
        return JsonSerializer.Deserialize<List<FileReport>>(stdout, Json)!;
    }

    /// <summary>The DuckDB type a reader should give a column with these Parquet types (the lake's few types only).</summary>
    private static string SqlType(FileColumn c) => (c.PhysicalType, c.LogicalType ?? c.ConvertedType) switch
    {
        ("BYTE_ARRAY", "STRING" or "UTF8") => "VARCHAR",
        ("INT32", "DATE") => "DATE",
        ("INT32", null or "INTEGER" or "INT_32") => "INTEGER",
        ("INT64", null or "INTEGER" or "INT_64") => "BIGINT",
        ("DOUBLE", null) => "DOUBLE",
        ("FLOAT", null) => "FLOAT",
        ("BOOLEAN", null) => "BOOLEAN",
        var other => $"unexpected {other}",
    };

    [TestMethod]
    public async Task Hyparquet_reads_every_silver_and_gold_table_with_DuckDBs_row_counts_columns_and_types()
    {
        var lake = new FileSystemLake(await SampleLake.PathAsync());
        foreach (var table in QueryTable.All)
        {
            var folder = lake.FullPath(LakePath.Parse(table.Definition.Folder.TrimEnd('/')));
            var files = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order().ToList();
            Assert.IsTrue(files.Count > 0, $"{table.Name}: the sample lake has no files");
            var reports = ReadWithHyparquet(files);

            var query = new LakeQuery(lake);
            var count = Convert.ToInt64((await query.RunAsync($"SELECT count(*) FROM {table.Name}")).Rows[0][0]);
            var duck = (await query.RunAsync($"SELECT column_name, column_type FROM (DESCRIBE {table.Name})")).Rows
                .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

            Assert.AreEqual(count, reports.Sum(r => r.Rows), $"{table.Name}: rows hyparquet decoded");
            foreach (var r in reports)
            {
                Assert.AreEqual(r.MetadataRows, r.Rows, r.Path);
                var partition = table.Definition.PartitionColumn!;
                Assert.IsFalse(r.Columns.Any(c => c.Name == partition), $"{r.Path} stores its partition column '{partition}'");
                StringAssert.Contains(r.Path, $"/{partition}=", "the partition is in the path");
                foreach (var c in r.Columns)
                {
                    Assert.IsTrue(duck.TryGetValue(c.Name, out var type), $"{r.Path}: DuckDB has no column '{c.Name}'");
                    Assert.AreEqual(type, SqlType(c), $"{r.Path}: column '{c.Name}'");
                }
            }
            var fileColumns = reports.SelectMany(r => r.Columns.Select(c => c.Name)).Append(table.Definition.PartitionColumn!).ToHashSet();
            CollectionAssert.AreEquivalent(duck.Keys.ToList(), fileColumns.ToList(), $"{table.Name}: DuckDB's columns are the files' plus the partition");
            Assert.AreEqual("INTEGER", duck[table.Definition.PartitionColumn!], $"{table.Name}: the partition column's type");
        }
    }
}
