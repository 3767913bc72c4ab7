using System.Text.Json;
using Pipeline.Core.Query;
using Sylvan.Data.Csv;

namespace Pipeline.Tests.Query;

[TestClass]
public sealed class QueryOutputTests
{
    private static readonly QueryResult Awkward = new(
        [new("tekst", "VARCHAR"), new("n", "BIGINT"), new("waarde", "DOUBLE"), new("datum", "DATE")],
        [
            ["a, \"quoted\"\nline", 12L, 0.1, new DateOnly(2024, 10, 1)],
            [null, null, null, null],
        ]);

    private static string Write(QueryFormat format)
    {
        var output = new StringWriter();
        QueryOutput.Write(Awkward, format, output);
        return output.ToString();
    }

    [TestMethod]
    public void Csv_quotes_separators_quotes_and_newlines_and_leaves_null_empty()
    {
        using var reader = CsvDataReader.Create(new StringReader(Write(QueryFormat.Csv)));
        CollectionAssert.AreEqual(new[] { "tekst", "n", "waarde", "datum" }, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray());
        Assert.IsTrue(reader.Read());
        CollectionAssert.AreEqual(new[] { "a, \"quoted\"\nline", "12", "0.1", "2024-10-01" },
            Enumerable.Range(0, 4).Select(reader.GetString).ToArray());
        Assert.IsTrue(reader.Read());
        CollectionAssert.AreEqual(new[] { "", "", "", "" }, Enumerable.Range(0, 4).Select(reader.GetString).ToArray());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    public void Json_keeps_numbers_as_numbers_dates_as_iso_text_and_null_as_null()
    {
        using var json = JsonDocument.Parse(Write(QueryFormat.Json));
        var first = json.RootElement[0];
        Assert.AreEqual(12L, first.GetProperty("n").GetInt64());
        Assert.AreEqual(0.1, first.GetProperty("waarde").GetDouble());
        Assert.AreEqual("2024-10-01", first.GetProperty("datum").GetString());
        Assert.AreEqual(JsonValueKind.Null, json.RootElement[1].GetProperty("tekst").ValueKind);
    }

    [TestMethod]
    public void Text_right_aligns_numbers_spells_out_null_and_counts_rows()
    {
        var lines = Write(QueryFormat.Text).Split(Environment.NewLine);
        Assert.AreEqual(6, lines.Length, "header, rule, two rows, count, final newline: a line break in a value is escaped");
        StringAssert.StartsWith(lines[2], "a, \"quoted\"\\nline");
        var n = lines[1].IndexOf(" -", StringComparison.Ordinal) + 1;
        Assert.AreEqual("n   ", lines[0].Substring(n, 4));
        Assert.AreEqual("  12", lines[2].Substring(n, 4));
        Assert.AreEqual("NULL", lines[3].Substring(n, 4));
        Assert.AreEqual("(2 rows)", lines[4]);
    }
}
