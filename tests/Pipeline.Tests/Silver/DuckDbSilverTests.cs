using DuckDB.NET.Data;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Silver;

/// <summary>Every silver table, read the way analysts read it: DuckDB over the Hive-partitioned glob.</summary>
[TestClass]
public sealed class DuckDbSilverTests
{
    [TestMethod]
    public async Task DuckDbReadsEverySilverTableWithTheGlobAndRowCountsReconcileWithTheSources()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var service = new SilverService();
        // (dataset, bron, fixture, output rows per source row)
        var loads = new (string Dataset, string Bron, string Fixture, int PerRow)[]
        {
            ("mbo-studenten-per-instelling", "duo", "studenten-portal.csv", 4),
            ("gediplomeerde-mbo-studenten", "duo", "gediplomeerden.csv", 10),
            ("instromende-mbo-studenten", "duo", "instroom.csv", 1),
            ("job-monitor", "job", "job-monitor.csv", 1),
            ("85368NED", "cbs", "cbs-85368ned.json", 1),
        };
        var expected = new Dictionary<string, long>();
        foreach (var (dataset, bron, fixture, perRow) in loads)
        {
            var raw = await SilverFixtures.PutRawAsync(lake, bron, dataset, fixture, voorlopig: 2025);
            var result = await service.NormaliseAsync(lake, raw, SilverFixtures.RunId);
            Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
            var sourceRows = fixture.EndsWith(".json") ? 24 : SilverFixtures.DataLines(fixture);
            Assert.AreEqual(sourceRows, result.RowsIn, $"{fixture}: rows read = data lines in the file");
            Assert.AreEqual(result.RowsIn, result.RowsOut / perRow + result.RowsRejected, $"{fixture}: rows in = rows out + rejects");
            expected[Pipeline.Core.Datasets.DatasetCatalog.Find(dataset)!.Tables[0].Name] = sourceRows * perRow;
        }

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        foreach (var schema in SilverSchemas.All.Where(s => expected.ContainsKey(s.TableName)))
        {
            var glob = Path.Combine(dir.Path, "silver", schema.TableName, "**", "*.parquet").Replace('\\', '/');
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"SELECT count(*), count(DISTINCT jaar) FROM read_parquet('{glob}', hive_partitioning = true)";
            using var r = cmd.ExecuteReader();
            Assert.IsTrue(r.Read());
            Assert.AreEqual(expected[schema.TableName], r.GetInt64(0), schema.TableName);
            Assert.IsTrue(r.GetInt64(1) >= 2, $"{schema.TableName}: several jaar partitions");

            using var meta = db.CreateCommand();
            meta.CommandText = $"SELECT count(*) FROM parquet_kv_metadata('{glob}') WHERE decode(key) = 'schema_version' AND decode(value) = '{schema.Version}'";
            var files = Directory.GetFiles(Path.Combine(dir.Path, "silver", schema.TableName), "*.parquet", SearchOption.AllDirectories).Length;
            Assert.AreEqual((long)files, Convert.ToInt64(meta.ExecuteScalar()), $"{schema.TableName}: schema_version in every file");
        }

        using var typed = db.CreateCommand();
        typed.CommandText = $"SELECT typeof(aantal), typeof(onderdrukt), sum(aantal) FILTER (WHERE onderdrukt) FROM read_parquet('{Path.Combine(dir.Path, "silver/mbo_studenten_per_instelling/**/*.parquet").Replace('\\', '/')}', hive_partitioning = true) GROUP BY ALL";
        using var t = typed.ExecuteReader();
        Assert.IsTrue(t.Read());
        Assert.AreEqual("INTEGER", t.GetString(0));
        Assert.AreEqual("BOOLEAN", t.GetString(1));
        Assert.IsTrue(t.IsDBNull(2), "suppressed counts are null in DuckDB too");
    }
}
