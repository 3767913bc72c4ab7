using Pipeline.Core.Lake;
using Pipeline.Core.Lake.Tables;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Lake.Tables;

[TestClass]
public sealed class TableFileReaderTests
{
    private static readonly TableDefinition Table = ProefTable.Table;
    private static readonly Dictionary<string, string> Meta = ProefTable.Meta;

    private static object?[] Row(string code, int? aantal, double? waarde, DateOnly? datum) =>
        [2023, code, aantal, code.Length * 1_000_000_000L, waarde, aantal is null, datum];

    private static readonly object?[][] Rows =
    [
        Row("a", 1, 1.5, new DateOnly(2023, 1, 2)), Row("bb", null, null, null), Row("ccc", 3, 3.25, null),
        Row("dddd", 4, null, new DateOnly(2023, 4, 5)), Row("eeeee", null, 5.5, null),
    ];

    private static async Task<FileSystemLake> WrittenAsync(TempDirectory dir)
    {
        var lake = new FileSystemLake(dir.Path);
        await TableStore.WriteAsync(lake, Table, Rows, Meta, new TableWriterOptions { RowGroupSize = 2 });
        return lake;
    }

    [TestMethod]
    public async Task Row_groups_come_in_order_as_typed_columns_with_the_partition_from_the_path_and_the_same_values_as_the_boxed_rows()
    {
        using var dir = new TempDirectory();
        var lake = await WrittenAsync(dir);

        await using var file = await TableFileReader.OpenAsync(lake, Table, Table.PartitionFile(2023));
        var counts = new List<int>();
        var read = new List<object?[]>();
        await foreach (var g in file.ReadRowGroupsAsync())
        {
            counts.Add(g.RowCount);
            var (jaar, code, aantal, groot) = (g.Ints("jaar"), g.Strings("code"), g.Ints("aantal"), g.Longs("groot"));
            var (waarde, vlag, datum) = (g.Doubles("waarde"), g.Bools("vlag"), g.Dates("datum"));
            for (var r = 0; r < g.RowCount; r++)
                read.Add([jaar[r], code[r], aantal[r], groot[r], waarde[r], vlag[r], datum[r]]);
        }

        CollectionAssert.AreEqual(new[] { 2, 2, 1 }, counts);
        Assert.AreEqual("abc", file.Metadata["raw_sha256"]);
        Assert.AreEqual(2023, file.Partition);
        Assert.HasCount(Rows.Length, read);
        for (var i = 0; i < Rows.Length; i++) CollectionAssert.AreEqual(Rows[i], read[i], $"row {i}");
        var boxed = await TableReader.ReadFileAsync(lake, Table, Table.PartitionFile(2023));
        for (var i = 0; i < Rows.Length; i++) CollectionAssert.AreEqual(Rows[i], boxed.Rows[i], $"boxed row {i}");
    }

    [TestMethod]
    public async Task Only_the_columns_asked_for_are_read_and_another_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        var lake = await WrittenAsync(dir);

        await using var file = await TableFileReader.OpenAsync(lake, Table, Table.PartitionFile(2023));
        var codes = new List<string?>();
        await foreach (var g in file.ReadRowGroupsAsync(["code"]))
        {
            codes.AddRange(g.Strings("code").Take(g.RowCount));
            Assert.AreEqual(2023, g.Ints("jaar")[0], "the partition comes from the path, asked for or not");
            var e = Assert.ThrowsExactly<InvalidOperationException>(() => g.Ints("aantal"));
            StringAssert.Contains(e.Message, "'aantal'");
        }
        CollectionAssert.AreEqual(Rows.Select(r => r[1]).ToArray(), codes);
    }

    [TestMethod]
    public async Task A_column_taken_as_the_wrong_type_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        var lake = await WrittenAsync(dir);

        await using var file = await TableFileReader.OpenAsync(lake, Table, Table.PartitionFile(2023));
        await foreach (var g in file.ReadRowGroupsAsync())
        {
            var e = Assert.ThrowsExactly<InvalidCastException>(() => g.Ints("code"));
            StringAssert.Contains(e.Message, "'code'");
        }
    }

    [TestMethod]
    public async Task A_file_without_a_column_of_the_table_fails_on_opening_naming_the_file_and_the_column()
    {
        using var dir = new TempDirectory();
        var lake = await WrittenAsync(dir);
        var wider = new TableDefinition(LakeZones.Gold, "proef", [.. Table.Columns, TableColumn.Str("extra", "not in the file")]);

        var e = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => TableFileReader.OpenAsync(lake, wider, Table.PartitionFile(2023)));
        StringAssert.Contains(e.Message, "gold/proef/jaar=2023/part-0.parquet");
        StringAssert.Contains(e.Message, "'extra'");
    }
}
