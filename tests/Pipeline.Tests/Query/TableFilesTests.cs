using Pipeline.Core.Lake;
using Pipeline.Core.Tables;
using Pipeline.Core.Query;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Query;

/// <summary>
/// <see cref="TableFiles"/> on a Blob lake (Azurite): a query fetches only the tables it reads and, filtered on jaar,
/// only those partitions; unchanged files are not fetched again, rewritten ones are; answers equal the disk lake's.
/// </summary>
[TestClass]
public sealed class TableFilesTests
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BlobLake? _blob;

    /// <summary>The sample lake's silver and gold copied once to Azurite, shared read-only by the tests that do not change it.</summary>
    private static async Task<BlobLake> SampleBlobAsync()
    {
        await Gate.WaitAsync();
        try { return _blob ??= await CopyAsync(Azurite.NewLake()); }
        finally { Gate.Release(); }
    }

    private static async Task<BlobLake> CopyAsync(BlobLake blob)
    {
        var disk = Disk();
        foreach (var prefix in new[] { "silver/", "gold/" })
            await foreach (var e in (await disk).ListAsync(prefix))
            {
                await using var s = await (await disk).OpenReadAsync(e.Path);
                await blob.WriteAsync(e.Path, s);
            }
        return blob;
    }

    private static async Task<FileSystemLake> Disk() => new(await SampleLake.PathAsync());

    private static List<string> Lines(QueryResult r) => r.Rows.Select(row => string.Join("|", row.Select(QueryOutput.Format))).ToList();

    /// <summary>The cached Parquet files, relative to the cache, with '/' separators.</summary>
    private static List<string> Cached(TempDirectory cache) =>
        Directory.Exists(cache.Path)
            ? Directory.EnumerateFiles(cache.Path, "*.parquet", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(cache.Path, f).Replace('\\', '/')).Order().ToList()
            : [];

    [TestMethod]
    public async Task A_query_on_one_table_fetches_that_table_only()
    {
        var blob = await SampleBlobAsync();
        using var cache = new TempDirectory();
        var query = new LakeQuery(blob, cache.Path);

        await query.RunAsync("SELECT status, count(*) AS n, 'alerts' AS not_a_table FROM trajecten GROUP BY ALL");

        var cached = Cached(cache);
        Assert.IsTrue(cached.All(f => f.StartsWith("gold/trajecten/", StringComparison.Ordinal)), string.Join(", ", cached));
        Assert.AreEqual(4, cached.Count, "every partition of trajecten (2022–2025), nothing of the other tables");
        Assert.AreEqual(4, query.FilesDownloaded);
    }

    [TestMethod]
    public async Task A_query_on_jaar_2024_fetches_only_that_partition_and_a_second_run_fetches_nothing()
    {
        var blob = await SampleBlobAsync();
        using var cache = new TempDirectory();
        const string sql = "SELECT instellingscode, indicator, status FROM trajecten WHERE jaar = 2024 ORDER BY ALL";

        var first = new LakeQuery(blob, cache.Path);
        var rows = Lines(await first.RunAsync(sql));

        CollectionAssert.AreEqual(new[] { "gold/trajecten/jaar=2024/part-0.parquet" }, Cached(cache));
        Assert.AreEqual(1, first.FilesDownloaded);
        CollectionAssert.AreEqual(Lines(await new LakeQuery(await Disk()).RunAsync(sql)), rows);
        Assert.IsNotEmpty(rows);

        var second = new LakeQuery(blob, cache.Path);
        CollectionAssert.AreEqual(rows, Lines(await second.RunAsync(sql)));
        Assert.AreEqual(0, second.FilesDownloaded, "unchanged files are not fetched again");
    }

    [TestMethod]
    [DataRow("SELECT jaar, status, count(*) FROM trajecten WHERE jaar IN (2023, 2025) GROUP BY ALL ORDER BY ALL", 2)]
    [DataRow("SELECT jaar, count(*) FROM indicatoren WHERE jaar BETWEEN 2022 AND 2023 GROUP BY ALL ORDER BY ALL", 2)]
    [DataRow("SELECT jaar, count(*) FROM indicatoren WHERE jaar < 2023 GROUP BY ALL ORDER BY ALL", 2)]
    [DataRow("SELECT jaar, count(*) FROM indicatoren WHERE 2024 <= jaar GROUP BY ALL ORDER BY ALL", 2)]
    [DataRow("SELECT t.jaar, count(*) FROM trajecten t JOIN indicatoren i USING (instellingscode, indicator, jaar) " +
             "WHERE t.jaar = 2024 AND i.jaar = 2024 GROUP BY ALL", 2)]
    [DataRow("SELECT count(*) FROM trajecten WHERE jaar = 1999", 1)]
    [DataRow("SELECT jaar, count(*) FROM trajecten WHERE jaar = 2024 OR status = 'risico' GROUP BY ALL ORDER BY ALL", 4)]
    public async Task A_pruned_query_answers_as_on_the_disk_lake(string sql, int fetched)
    {
        var blob = await SampleBlobAsync();
        using var cache = new TempDirectory();
        var query = new LakeQuery(blob, cache.Path);

        var rows = Lines(await query.RunAsync(sql));

        CollectionAssert.AreEqual(Lines(await new LakeQuery(await Disk()).RunAsync(sql)), rows, sql);
        Assert.AreEqual(fetched, query.FilesDownloaded, string.Join(", ", Cached(cache)));
    }

    [TestMethod]
    public async Task A_rewritten_partition_is_fetched_again_and_a_deleted_one_leaves_the_cache()
    {
        var blob = await CopyAsync(Azurite.NewLake()); // this test changes the lake
        using var cache = new TempDirectory();
        const string sql = "SELECT count(*) FROM trajecten WHERE jaar >= 2023";
        var before = Convert.ToInt64((await new LakeQuery(blob, cache.Path).RunAsync(sql)).Rows[0][0]);

        // Partition 2024 rewritten (here with the 2023 rows, so the count shows which file was read); 2025 deleted.
        var p2023 = GoldTables.Trajecten.PartitionFile(2023);
        var p2024 = GoldTables.Trajecten.PartitionFile(2024);
        await using (var s = await blob.OpenReadAsync(p2023)) await blob.WriteAsync(p2024, s);
        await blob.DeleteAsync(GoldTables.Trajecten.PartitionFile(2025));
        var disk = await Disk();
        long Rows(QueryResult r) => Convert.ToInt64(r.Rows[0][0]);
        var count2023 = Rows(await new LakeQuery(disk).RunAsync("SELECT count(*) FROM trajecten WHERE jaar = 2023"));

        var again = new LakeQuery(blob, cache.Path);
        var after = Rows(await again.RunAsync(sql));

        Assert.AreEqual(1, again.FilesDownloaded, "only the rewritten partition");
        Assert.AreEqual(2 * count2023, after);
        Assert.AreNotEqual(before, after);
        CollectionAssert.AreEqual(new[] { "gold/trajecten/jaar=2023/part-0.parquet", "gold/trajecten/jaar=2024/part-0.parquet" }, Cached(cache));
    }
}
