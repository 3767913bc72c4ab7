using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Silver;

/// <summary>
/// The memory budget changes how silver buffers (row groups sealed at a byte budget, encoded on a second thread, key
/// fingerprints spilled to disk), never what it writes: the same file gives the same rows, nulls and sums.
/// </summary>
[TestClass]
public sealed class RowGroupBudgetTests
{
    private const string Dataset = "gediplomeerde-mbo-studenten";
    private const string Table = "gediplomeerde_mbo_studenten";

    [TestMethod]
    public async Task A_small_byte_budget_writes_many_row_groups_with_the_same_rows_nulls_and_sums_as_one()
    {
        var csv = Encoding.UTF8.GetBytes(WideDuoCsv(rows: 3_000));
        using var oneGroup = new TempDirectory();
        using var manyGroups = new TempDirectory();

        await NormaliseAsync(oneGroup.Path, csv, new SilverOptions());
        await NormaliseAsync(manyGroups.Path, csv, new SilverOptions
        {
            Writer = new() { RowGroupBytes = 32 * 1024, EncodeQueue = 1 },
            KeyFingerprintsInMemory = 1_000,
        });

        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        Assert.AreEqual(1L, MaxRowGroups(db, oneGroup.Path), "the default budget holds a partition in one row group");
        Assert.IsGreaterThan(10L, MaxRowGroups(db, manyGroups.Path), "a 32 KB budget seals many row groups per partition");
        var expected = Figures(db, oneGroup.Path);
        Assert.HasCount(5, expected, "one line per jaar");
        Assert.IsTrue(expected.All(f => f.Contains("rows 6000")), string.Join("\n", expected));
        CollectionAssert.AreEqual(expected, Figures(db, manyGroups.Path));
    }

    private static async Task NormaliseAsync(string lakeDir, byte[] csv, SilverOptions options)
    {
        var lake = new FileSystemLake(lakeDir);
        var raw = await SilverFixtures.PutRawBytesAsync(lake, "duo", Dataset, csv, "csv");
        var result = await new SilverService(options).NormaliseAsync(lake, raw, SilverFixtures.RunId);
        Assert.AreEqual(StageStatuses.Succeeded, result.Status, string.Join("; ", result.Errors));
        Assert.AreEqual(30_000L, result.RowsOut);
    }

    private static string Glob(string lakeDir) => Path.Combine(lakeDir, "silver", Table, "**", "*.parquet").Replace('\\', '/');

    private static long MaxRowGroups(DuckDBConnection db, string lakeDir)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT max(groups) FROM (SELECT file_name, count(DISTINCT row_group_id) AS groups FROM parquet_metadata('{Glob(lakeDir)}') GROUP BY file_name)";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Per jaar: rows, nulls per nullable column, sums, and a checksum over every value in row order.</summary>
    private static List<string> Figures(DuckDBConnection db, string lakeDir)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"""
            SELECT jaar, count(*), count(aantal), count(instellingsnaam), count(hoofdgroep), sum(aantal), sum(onderdrukt::INT),
                   sum(niveau), sum(hash(instellingscode, instellingsnaam, leerweg, crebo, geslacht, aantal, sectorkamer, hoofdgroep)),
                   min(crebo), max(crebo)
            FROM read_parquet('{Glob(lakeDir)}', hive_partitioning = true) GROUP BY jaar ORDER BY jaar
            """;
        using var r = cmd.ExecuteReader();
        var lines = new List<string>();
        while (r.Read())
            lines.Add($"jaar {r.GetValue(0)}: rows {r.GetValue(1)}, aantal {r.GetValue(2)}, naam {r.GetValue(3)}, hoofdgroep {r.GetValue(4)}, " +
                $"sum {r.GetValue(5)}, onderdrukt {r.GetValue(6)}, niveau {r.GetValue(7)}, hash {r.GetValue(8)}, crebo {r.GetValue(9)}–{r.GetValue(10)}");
        return lines;
    }

    /// <summary>The portal's wide file with its quirks: quoted names with commas, -1, blank and single-space cells, padded codes.</summary>
    private static string WideDuoCsv(int rows)
    {
        var sb = new StringBuilder("INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,LEERWEG,NIVEAU,ERKENDE OPLEIDING CODE,"
            + "ERKENDE OPLEIDING NAAM,SECTORKAMER NAAM,HOOFDGROEP NAAM");
        for (var y = 2021; y <= 2025; y++) sb.Append(CultureInfo.InvariantCulture, $",DIPMAN{y},DIPVROUW{y}");
        sb.Append("\r\n");
        string[] codes = ["25LH", "25PZ", "27GN", "28DE"];
        string[] leerwegen = ["BBL", "BOLDT", "BOLVT", "EX", "OVO"];
        var random = new Random(7);
        for (var i = 0; i < rows; i++)
        {
            var code = codes[i % codes.Length];
            sb.Append(code).Append(i % 7 == 0 ? "  " : "").Append(",\"Instelling ").Append(code).Append(", locatie\",")
                .Append(i % 11 == 0 ? "" : "PLAATS").Append(',').Append(leerwegen[i % 5]).Append(',').Append(i % 4 + 1)
                .Append(',').Append(25_001 + i).Append(",Opleiding ").Append(i % 50).Append(",Zorg,")
                .Append(i % 13 == 0 ? " " : "Welzijn");
            for (var c = 0; c < 10; c++)
            {
                var v = random.Next(-20, 400);
                sb.Append(',').Append(v < -10 ? "" : v < 0 ? "-1" : v.ToString(CultureInfo.InvariantCulture));
            }
            sb.Append("\r\n");
        }
        return sb.ToString();
    }
}
