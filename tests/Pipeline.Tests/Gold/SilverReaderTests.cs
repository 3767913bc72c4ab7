using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Silver;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Gold;

/// <summary>The reader folds silver Parquet row group by row group; gold must come out as from the same rows by hand.</summary>
[TestClass]
public sealed class SilverReaderTests
{
    private const string Sha = "5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5ee5";

    /// <summary>A row in the table's column order: the cells given by name, nullable columns null, the rest a filler.</summary>
    private static object?[] RowOf(TableDefinition table, params (string Column, object? Value)[] cells)
    {
        var row = table.Columns.Select(c => c.Nullable ? null : c.Type switch
        {
            ColumnType.String => "x",
            ColumnType.Int32 => 1,
            ColumnType.Boolean => (object)false,
            _ => throw new ArgumentOutOfRangeException(c.Name),
        }).ToArray();
        foreach (var (column, value) in cells) row[table.IndexOf(column)] = value;
        return row;
    }

    private static async Task WriteAsync(ILakeStore lake, DatasetSchema schema, IEnumerable<object?[]> rows) =>
        // Row groups of three rows, so every institution-year is split over row groups.
        await TableStore.WriteAsync(lake, schema.Table, rows, new Dictionary<string, string> { ["schema_version"] = "1", ["raw_sha256"] = Sha },
            new TableWriterOptions { RowGroupSize = 3 });

    /// <summary>One institution-year: BOLDT suppressed, 2024 provisional.</summary>
    private static IEnumerable<StudentenRow> Students(int jaar, string code, SilverSource src) =>
        new[] { ("BBL", (int?)30), ("BOLDT", null), ("BOLVT", 60 + jaar % 10), ("EX", 5) }
            .Select(x => new StudentenRow(jaar, code, $"ROC {code}", x.Item1, x.Item2, x.Item2 is null, jaar == 2024, src));

    [TestMethod]
    public async Task Gold_of_the_lake_read_row_group_by_row_group_equals_gold_of_the_same_rows_written_by_hand()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var studenten = new SilverSource("duo", "mbo-studenten-per-instelling", Sha);
        var diplomas = new SilverSource("duo", "gediplomeerde-mbo-studenten", Sha);
        var instroom = new SilverSource("duo", "instromende-mbo-studenten", Sha);
        var hand = new SilverData
        {
            Studenten = [.. Students(2023, "25LH", studenten), .. Students(2024, "25LH", studenten), .. Students(2024, "27GN", studenten)],
            Gediplomeerden =
            [
                .. new[] { ("BBL", "man", (int?)10), ("BBL", "vrouw", null), ("BOLVT", "man", 50), ("BOLVT", "vrouw", 20), ("OVO", "man", 3) }
                    .Select(x => new GediplomeerdenRow(2024, "25LH", "ROC 25LH", x.Item1, 2, "25001", x.Item2, x.Item3, x.Item3 is null, false, diplomas)),
            ],
            Instroom =
            [
                .. Enumerable.Range(0, 10).Select(i =>
                    new InstroomRow(2024, i % 2 == 0 ? "25LH" : "27GN", 3, i % 3 == 0 ? "BBL" : "BOL", $"2549{i}", i == 4 ? null : i, i == 4, false, instroom)),
            ],
        };
        await WriteAsync(lake, SilverSchemas.StudentenPerInstelling, hand.Studenten.Select(r => RowOf(SilverSchemas.StudentenPerInstelling.Table,
            ("jaar", r.Jaar), ("instellingscode", r.Instellingscode), ("instellingsnaam", r.Instellingsnaam), ("leerweg", r.Leerweg),
            ("aantal", r.Aantal), ("onderdrukt", r.Onderdrukt), ("voorlopig", r.Voorlopig))));
        await WriteAsync(lake, SilverSchemas.Gediplomeerden, hand.Gediplomeerden.Select(r => RowOf(SilverSchemas.Gediplomeerden.Table,
            ("jaar", r.Jaar), ("instellingscode", r.Instellingscode), ("instellingsnaam", r.Instellingsnaam), ("leerweg", r.Leerweg),
            ("geslacht", r.Geslacht), ("aantal", r.Aantal), ("onderdrukt", r.Onderdrukt), ("voorlopig", r.Voorlopig))));
        await WriteAsync(lake, SilverSchemas.Instroom, hand.Instroom.Select(r => RowOf(SilverSchemas.Instroom.Table,
            ("jaar", r.Jaar), ("instellingscode", r.Instellingscode), ("leerweg", r.Leerweg), ("crebo", r.Crebo),
            ("aantal", r.Aantal), ("onderdrukt", r.Onderdrukt), ("voorlopig", r.Voorlopig))));

        var read = await new SilverReader(lake).ReadTotalsAsync();

        var expected = IndicatorCalculator.Compute(hand).Values;
        Assert.HasCount(2 * (3 + 1 + 2), expected, "a total and a share per institution-year of each table");
        CollectionAssert.AreEqual(expected.ToList(), IndicatorCalculator.Compute(read).Values.ToList());
        CollectionAssert.AreEquivalent(SilverTotals.Of(hand).InstellingsNamen().ToList(), read.InstellingsNamen().ToList());
    }
}
