using Pipeline.Core.Tables;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Query;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Query;

/// <summary><see cref="LakeQuery"/> on a disk lake, on a Blob lake (Azurite) and on a lake without some tables.</summary>
[TestClass]
public sealed class LakeQueryTests
{
    private const string PerTable =
        "SELECT 'trajecten' AS t, count(*) AS n, sum(jaar) AS j FROM trajecten UNION ALL " +
        "SELECT 'indicatoren', count(*), sum(jaar) FROM indicatoren UNION ALL " +
        "SELECT 'cbs_85368ned', count(*), sum(jaar) FROM cbs_85368ned ORDER BY 1";

    private static List<string> Lines(QueryResult r) => r.Rows.Select(row => string.Join("|", row.Select(QueryOutput.Format))).ToList();

    private static async Task CopyAsync(ILakeStore from, ILakeStore to, string prefix)
    {
        await foreach (var e in from.ListAsync(prefix))
        {
            await using var s = await from.OpenReadAsync(e.Path);
            await to.WriteAsync(e.Path, s);
        }
    }

    [TestMethod]
    public async Task A_blob_lake_answers_as_the_disk_lake_and_fetches_a_file_again_only_when_it_changed()
    {
        var disk = new FileSystemLake(await SampleLake.PathAsync());
        var blob = Azurite.NewLake();
        await CopyAsync(disk, blob, "silver/");
        await CopyAsync(disk, blob, "gold/");
        using var cache = new TempDirectory();

        var expected = Lines(await new LakeQuery(disk).RunAsync(PerTable));
        CollectionAssert.AreEqual(expected, Lines(await new LakeQuery(blob, cache.Path).RunAsync(PerTable)));
        Assert.IsFalse(Directory.Exists(Path.Combine(cache.Path, "silver", "job_monitor")), "only the tables the query names are fetched");

        var cached = Path.Combine(cache.Path, "gold", "trajecten", "jaar=2024", "part-0.parquet");
        var fetched = File.GetLastWriteTimeUtc(cached);
        await new LakeQuery(blob, cache.Path).RunAsync("SELECT count(*) FROM trajecten");
        Assert.AreEqual(fetched, File.GetLastWriteTimeUtc(cached), "an unchanged file is not fetched again");

        await blob.DeleteAsync(GoldTables.Trajecten.PartitionFile(2024));
        var without2024 = await new LakeQuery(blob, cache.Path).RunAsync("SELECT count(*) FILTER (WHERE jaar = 2024), count(*) FROM trajecten");
        Assert.AreEqual(0L, Convert.ToInt64(without2024.Rows[0][0]), "a partition gone from the lake is gone from the cache");
        Assert.IsFalse(File.Exists(cached));
    }

    [TestMethod]
    public async Task A_table_without_files_is_an_empty_view_with_its_declared_columns()
    {
        using var dir = new TempDirectory();
        var result = await new LakeQuery(new FileSystemLake(dir.Path)).RunAsync("SELECT * FROM trajecten");
        Assert.AreEqual(0, result.Rows.Count);
        CollectionAssert.AreEquivalent(GoldTables.Trajecten.Columns.Select(c => $"{c.Name} {c.SqlType}").ToList(),
            result.Columns.Select(c => $"{c.Name} {c.Type}").ToList(), string.Join(", ", result.Columns));
    }

    [TestMethod]
    public async Task Every_view_has_the_declared_columns_and_types_with_jaar_as_an_integer_partition()
    {
        var lake = new FileSystemLake(await SampleLake.PathAsync());
        foreach (var table in QueryTable.All)
        {
            var view = await new LakeQuery(lake).RunAsync($"SELECT column_name, column_type FROM (DESCRIBE {table.Name})");
            var actual = view.Rows.Select(r => $"{r[0]} {r[1]}").ToList();
            var declared = table.Definition.Columns.Select(c => $"{c.Name} {c.SqlType}").ToList();
            if (table.HasDynamicColumns) CollectionAssert.IsSubsetOf(declared, actual, table.Name);
            else CollectionAssert.AreEquivalent(declared, actual, table.Name);
        }
    }
}
