using DuckDB.NET.Data;
using Pipeline.Core.Query;

namespace Pipeline.Tests.Query;

/// <summary><see cref="QueryNeeds"/>: the tables and jaar partitions a query reads, from DuckDB's parse tree; anything unclear reads more.</summary>
[TestClass]
public sealed class QueryNeedsTests
{
    private static readonly int[] Years = [2020, 2021, 2022, 2023, 2024, 2025];

    private static async Task<QueryNeeds> NeedsAsync(string sql)
    {
        using var db = new DuckDBConnection("Data Source=:memory:");
        await db.OpenAsync();
        return await QueryNeeds.ReadAsync(db, sql, QueryTable.All.Select(t => t.Name));
    }

    /// <summary>The years of <paramref name="table"/> the query needs; null for all of them.</summary>
    private static async Task<int[]?> YearsAsync(string sql, string table = "trajecten")
    {
        var needs = await NeedsAsync(sql);
        Assert.IsTrue(needs.Uses(table), sql);
        return needs.YearsOf(table) is { } filter ? Years.Where(filter.Allows).ToArray() : null;
    }

    [TestMethod]
    public async Task The_tables_are_those_DuckDB_parses_as_tables_not_words_in_strings_or_longer_names()
    {
        var needs = await NeedsAsync(
            "SELECT 'alerts' AS label, count(*) FROM Trajecten t JOIN instromende_mbo_studenten_vooropleiding v ON true " +
            "WHERE t.indicator IN (SELECT indicator FROM indicatoren)");
        Assert.IsTrue(needs.FromParseTree);
        var used = QueryTable.All.Select(t => t.Name).Where(needs.Uses).Order().ToList();
        CollectionAssert.AreEqual(new[] { "indicatoren", "instromende_mbo_studenten_vooropleiding", "trajecten" }, used);
    }

    [TestMethod]
    [DataRow("SELECT * FROM trajecten WHERE jaar = 2024", new[] { 2024 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar IN (2021, 2023)", new[] { 2021, 2023 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar < 2022", new[] { 2020, 2021 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar <= 2022", new[] { 2020, 2021, 2022 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar > 2023", new[] { 2024, 2025 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar >= 2023 AND status = 'risico'", new[] { 2023, 2024, 2025 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar BETWEEN 2021 AND 2023", new[] { 2021, 2022, 2023 })]
    [DataRow("SELECT * FROM trajecten WHERE 2023 < jaar", new[] { 2024, 2025 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar >= 2021 AND jaar < 2024 AND jaar <> 2022", new[] { 2021, 2022, 2023 })]
    [DataRow("SELECT count(*) FROM trajecten t JOIN indicatoren i USING (instellingscode) WHERE t.jaar = 2025", new[] { 2025 })]
    [DataRow("SELECT * FROM (SELECT * FROM trajecten WHERE JAAR = 2022) x", new[] { 2022 })]
    [DataRow("SELECT * FROM trajecten WHERE jaar = 1999", new int[0])]
    public async Task A_jaar_condition_on_a_constant_limits_the_partitions(string sql, int[] expected)
    {
        CollectionAssert.AreEqual(expected, await YearsAsync(sql), sql);
    }

    [TestMethod]
    [DataRow("SELECT * FROM trajecten")]
    [DataRow("SELECT * FROM trajecten WHERE jaar = 2024 OR status = 'risico'")]
    [DataRow("SELECT * FROM trajecten WHERE jaar NOT BETWEEN 2021 AND 2023")]
    [DataRow("SELECT * FROM trajecten WHERE jaar NOT IN (2024)")]
    [DataRow("SELECT * FROM trajecten WHERE jaar = 2024.5")]
    [DataRow("SELECT * FROM trajecten WHERE jaar = '2024'")]
    [DataRow("SELECT * FROM trajecten WHERE jaar = extract(year FROM current_date)")]
    [DataRow("SELECT * FROM trajecten a JOIN trajecten b USING (instellingscode) WHERE a.jaar = 2024")]
    [DataRow("SELECT * FROM trajecten JOIN indicatoren USING (instellingscode, jaar) WHERE jaar = 2024")]
    [DataRow("SELECT * FROM (SELECT * FROM trajecten) x WHERE x.jaar = 2024")]
    [DataRow("SELECT * FROM trajecten USING SAMPLE 10 ROWS WHERE jaar = 2024")]
    [DataRow("SELECT * FROM indicatoren i WHERE EXISTS (SELECT 1 FROM trajecten t WHERE i.jaar = 2024)")]
    public async Task What_the_pruning_cannot_judge_reads_every_partition(string sql)
    {
        Assert.IsNull(await YearsAsync(sql), sql);
    }

    [TestMethod]
    public async Task A_statement_DuckDB_does_not_serialise_falls_back_to_every_table_named_as_a_word()
    {
        var needs = await NeedsAsync("SELEC * FROM trajecten WHERE jaar = 2024");
        Assert.IsFalse(needs.FromParseTree);
        Assert.IsTrue(needs.Uses("trajecten"));
        Assert.IsFalse(needs.Uses("indicatoren"));
        Assert.IsNull(needs.YearsOf("trajecten"));
    }

    [TestMethod]
    public void A_table_is_named_by_a_whole_word_only()
    {
        Assert.IsTrue(QueryNeeds.Mentions("select * from Trajecten t", "trajecten"));
        Assert.IsTrue(QueryNeeds.Mentions("select * from \"alerts\"", "alerts"));
        Assert.IsFalse(QueryNeeds.Mentions("select * from instromende_mbo_studenten_vooropleiding", "instromende_mbo_studenten"));
        Assert.IsFalse(QueryNeeds.Mentions("select a.alerts_x from t a", "alerts"));
    }
}
