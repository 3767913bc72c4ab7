using DuckDB.NET.Data;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Lake.Tables;

[TestClass]
public sealed class TableWriterTests
{
    private static readonly TableDefinition Table = ProefTable.Table;
    private static readonly Dictionary<string, string> Meta = ProefTable.Meta;

    private static object?[] Row(int jaar, string code, int? aantal, double? waarde, DateOnly? datum) =>
        [jaar, code, aantal, (long)jaar * 1_000_000_000L, waarde, aantal is null, datum];

    [TestMethod]
    public async Task RowsRoundTripWithEveryTypeNullsAndMetadataPerHivePartition()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var rows = new[] { Row(2023, "25LH", 5, 1.5, new DateOnly(2023, 10, 1)), Row(2023, "25PZ", null, null, null), Row(2024, "25LH", 7, 2.25, new DateOnly(2024, 10, 1)) };

        var files = await TableStore.WriteAsync(lake, Table, rows, Meta, new TableWriterOptions { RowGroupSize = 1 });

        CollectionAssert.AreEqual(new[] { "gold/proef/jaar=2023/part-0.parquet", "gold/proef/jaar=2024/part-0.parquet" }, files.Select(f => f.Path).ToArray());
        var back = await TableReader.ReadFilesAsync(lake, Table);
        Assert.AreEqual(2, back.Count);
        Assert.AreEqual("3", back[0].Metadata["schema_version"]);
        Assert.AreEqual(2023, back[0].Partition);
        var all = back.SelectMany(f => f.Rows).ToList();
        Assert.AreEqual(3, all.Count);
        CollectionAssert.AreEqual(rows[1], all[1]);
        CollectionAssert.AreEqual(rows[2], all[2]);
    }

    [TestMethod]
    public async Task ThePartitionColumnIsInThePathOnlyAndReadersOfOneFileTakeItFromThePath()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        await TableStore.WriteAsync(lake, Table, [Row(2023, "a", 1, 1, null)], Meta);

        var file = Table.PartitionFile(2023);
        await using (var stream = File.OpenRead(lake.FullPath(file)))
        await using (var reader = await Parquet.ParquetReader.CreateAsync(stream))
            CollectionAssert.AreEqual(Table.FileColumns.Select(c => c.Name).ToArray(), reader.Schema.DataFields.Select(f => f.Name).ToArray());
        CollectionAssert.DoesNotContain(Table.FileColumns.Select(c => c.Name).ToList(), "jaar");

        var back = await TableReader.ReadFileAsync(lake, Table, file);
        Assert.AreEqual(2023, back.Rows.Single()[Table.IndexOf("jaar")]);
    }

    [TestMethod]
    public async Task AFileOutsideAPartitionFolderIsAnErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        await TableStore.WriteAsync(lake, Table, [Row(2023, "a", 1, 1, null)], Meta);
        var stray = LakePath.Parse("gold/proef/part-0.parquet");
        await using (var s = await lake.OpenReadAsync(Table.PartitionFile(2023))) await lake.WriteAsync(stray, s);

        var e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => TableReader.ReadFileAsync(lake, Table, stray));
        StringAssert.Contains(e.Message, "gold/proef/part-0.parquet");
    }

    [TestMethod]
    public async Task DuckDbReadsTheGlobWithHivePartitionsAndDatesAsDate()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        await TableStore.WriteAsync(lake, Table, [Row(2023, "a", 1, 1, new DateOnly(2023, 1, 2)), Row(2025, "b", 2, 2, null)], Meta);

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT typeof(datum), typeof(aantal), count(*) OVER (), jaar FROM read_parquet('{Path.Combine(dir.Path, Table.Glob)}', hive_partitioning = true) ORDER BY jaar";
        using var r = cmd.ExecuteReader();
        Assert.IsTrue(r.Read());
        Assert.AreEqual("DATE", r.GetString(0));
        Assert.AreEqual("INTEGER", r.GetString(1));
        Assert.AreEqual(2L, r.GetInt64(2));
    }

    [TestMethod]
    public async Task WritingAgainReplacesOnlyThePartitionsTouched()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        await TableStore.WriteAsync(lake, Table, [Row(2023, "a", 1, 1, null), Row(2024, "b", 2, 2, null)], Meta);
        await TableStore.WriteAsync(lake, Table, [Row(2024, "c", 3, 3, null), Row(2024, "d", 4, 4, null)], Meta);

        var rows = await TableReader.ReadRowsAsync(lake, Table);
        CollectionAssert.AreEqual(new[] { "a", "c", "d" }, rows.Select(r => (string)r[1]!).ToArray());
    }

    [TestMethod]
    public async Task AWrongTypedValueFailsNamingTheColumnAndPublishesNothing()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var bad = Row(2023, "a", 1, 1, null);
        bad[4] = "1.5"; // a string where a double belongs: never coerced

        var e = await Assert.ThrowsExactlyAsync<ArgumentException>(() => TableStore.WriteAsync(lake, Table, [bad], Meta));
        StringAssert.Contains(e.Message, "waarde");
        Assert.AreEqual(0, (await lake.NamesAsync("gold/")).Count);
    }
    [TestMethod]
    public async Task RowGroupsOfInterleavedPartitionsEncodedInParallelKeepEachFilesRowOrder()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        // Rows alternate between three years, so the three files' row groups are sealed together and encoded at once.
        var rows = Enumerable.Range(0, 3_000).Select(i => Row(2021 + i % 3, $"c{i}", i, i / 2.0, null)).ToList();

        await TableStore.WriteAsync(lake, Table, rows, Meta, new TableWriterOptions { RowGroupSize = 7, EncodeWorkers = 3, EncodeQueue = 2 });

        var back = await TableReader.ReadFilesAsync(lake, Table);
        Assert.AreEqual(3, back.Count);
        foreach (var file in back)
            CollectionAssert.AreEqual(rows.Where(r => (int)r[0]! == file.Partition).Select(r => r[1]).ToList(),
                file.Rows.Select(r => r[1]).ToList(), $"rows of {file.Path} in the order they came");
    }

    [TestMethod]
    public async Task ARepeatedTextCountsOnceTowardTheRowGroupByteBudgetAndCopiesOfItEachTime()
    {
        using var dir = new TempDirectory();
        var table = new TableDefinition(LakeZones.Gold, "tekst", [TableColumn.Str("naam", "a long text")], partitionColumn: null);
        var shared = new string('x', 1_000);
        var options = new TableWriterOptions { RowGroupBytes = 64 * 1024 };

        var repeated = await RowGroupsAsync(new FileSystemLake(Path.Combine(dir.Path, "repeated")), table, options,
            Enumerable.Range(0, 1_000).Select(_ => new object?[] { shared }));
        var copies = await RowGroupsAsync(new FileSystemLake(Path.Combine(dir.Path, "copies")), table, options,
            Enumerable.Range(0, 1_000).Select(_ => new object?[] { new string('x', 1_000) }));

        Assert.AreEqual(1L, repeated, "one string held by every row fits the budget once");
        Assert.IsGreaterThan(20L, copies, "a thousand strings of 2 KB each fill 64 KB every 32 rows");
    }

    private static async Task<long> RowGroupsAsync(FileSystemLake lake, TableDefinition table, TableWriterOptions options, IEnumerable<object?[]> rows)
    {
        await using (var writer = new TableWriter(table, Meta, options, fileName: "t"))
        {
            await writer.AddRangeAsync(rows);
            await writer.PublishAsync(lake);
        }
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{lake.FullPath(table.TableFile("t"))}')";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
