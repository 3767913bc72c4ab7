using System.Text.Json;
using Pipeline.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pipeline.Tests.Sources;

[TestClass]
public sealed class CbsSourceTests
{
    private static Dictionary<string, string?> OnlyTable(string table, string protocol = "v3") => new()
    {
        [$"Sources:Cbs:Tables:{table}:Protocol"] = protocol,
    };

    [TestMethod]
    public async Task A_v3_table_is_assembled_from_three_pages_with_its_data_properties_and_code_lists()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable("85368NED");

        var result = (await h.Bronze(OnlyTable("85368NED"), onlyCbs: true).FetchAllAsync()).Single(r => r.Bron == "cbs");

        Assert.AreEqual(SourceStatus.Fetched, result.Status, result.Reason);
        Assert.AreEqual(275L, result.Rows, "11 education types × 5 sex/origin combinations × 5 years");
        Assert.AreEqual(3, h.Server.LogEntries.Count(e => e.RequestMessage.Path == "/ODataFeed/odata/85368NED/TypedDataSet"));
        var pointer = (await h.CurrentAsync("cbs", "85368NED"))!;
        StringAssert.EndsWith(pointer.Path, ".json");
        using var doc = JsonDocument.Parse(await h.ReadBytesAsync(pointer.Path));
        var root = doc.RootElement;
        Assert.AreEqual("85368NED", root.GetProperty("table").GetString());
        Assert.AreEqual("v3", root.GetProperty("odata_version").GetString());
        Assert.AreEqual(275, root.GetProperty("TypedDataSet").GetArrayLength());
        Assert.AreEqual(7, root.GetProperty("DataProperties").GetArrayLength());
        CollectionAssert.AreEqual(new[] { "Geslacht", "Onderwijssoort", "Herkomst", "Perioden" },
            root.GetProperty("dimensions").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.AreEqual("3000   ", root.GetProperty("dimensions").GetProperty("Geslacht")[1].GetProperty("Key").GetString(), "codes keep their trailing spaces in raw");
        var soorten = root.GetProperty("dimensions").GetProperty("Onderwijssoort").EnumerateArray().Select(e => e.GetProperty("Key").GetString()!.Trim()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "T001336", "A025290", "A042649", "A042655", "A042661", "A042667", "A041868", "A025293", "A041773" }, soorten,
            "vo and mbo in one dimension, the table total beside the mbo total");
        var rows = root.GetProperty("TypedDataSet").EnumerateArray().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(0, 275).ToArray(), rows.Select(r => r.GetProperty("ID").GetInt32()).ToArray(), "pages in order, none twice");
        Assert.IsTrue(rows.Any(r => r.GetProperty("VoortijdigeSchoolverlaters_2").ValueKind == JsonValueKind.Null), "null values are kept");
    }

    [TestMethod]
    public async Task The_client_side_filter_matches_codes_padded_with_trailing_spaces()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable("85368NED");
        var settings = OnlyTable("85368NED");
        settings["Sources:Cbs:Tables:85368NED:Filter:Geslacht:0"] = "3000";
        settings["Sources:Cbs:Tables:85368NED:Filter:Onderwijssoort:0"] = "A041868";

        var result = (await h.Bronze(settings, onlyCbs: true).FetchAllAsync()).Single(r => r.Bron == "cbs");

        Assert.AreEqual(SourceStatus.Fetched, result.Status, result.Reason);
        Assert.AreEqual(5L, result.Rows, "one sex, one education type (bol, padded in the source), five years");
        using var doc = JsonDocument.Parse(await h.ReadBytesAsync(result.RawPath!));
        foreach (var row in doc.RootElement.GetProperty("TypedDataSet").EnumerateArray())
            Assert.AreEqual(("3000   ", "A041868 "), (row.GetProperty("Geslacht").GetString(), row.GetProperty("Onderwijssoort").GetString()));
    }

    [TestMethod]
    public async Task A_v4_table_follows_odata_nextLink_over_three_observation_pages()
    {
        using var h = new BronzeHarness();
        var root = "/odata/CBS/99999NED";
        h.Json($"{root}/MeasureCodes", """{"value":[{"Identifier":"M001  ","Title":"Voortijdig schoolverlaters"}]}""");
        h.Json($"{root}/Dimensions", """{"value":[{"Identifier":"Perioden","Kind":"TimeDimension"},{"Identifier":"RegioS","Kind":"GeoDimension"}]}""");
        h.Json($"{root}/PeriodenCodes", """{"value":[{"Identifier":"2024JJ00","Title":"2024"}]}""");
        h.Json($"{root}/RegioSCodes", """{"value":[{"Identifier":"GM0363  ","Title":"Amsterdam"}]}""");
        for (var page = 0; page < 3; page++)
        {
            var next = page < 2 ? $",\"@odata.nextLink\":\"{h.Url}{root}/Observations?$skip={(page + 1) * 2}\"" : "";
            var rows = string.Join(",", Enumerable.Range(page * 2, 2).Select(i =>
                $$"""{"Id":{{i}},"Measure":"M001  ","ValueAttribute":"None","Value":{{(i == 3 ? "null" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture))}},"Perioden":"2024JJ00","RegioS":"GM0363  "}"""));
            var req = Request.Create().WithPath($"{root}/Observations").UsingGet();
            req = page == 0 ? req.WithParam("$skip", WireMock.Matchers.MatchBehaviour.RejectOnMatch) : req.WithParam("$skip", (page * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            h.Server.Given(req).RespondWith(Response.Create().WithHeader("Content-Type", "application/json; odata.metadata=minimal")
                .WithBody("{\"value\":[" + rows + "]" + next + "}"));
        }

        var result = (await h.Bronze(OnlyTable("99999NED", "v4"), onlyCbs: true).FetchAllAsync()).Single(r => r.Bron == "cbs");

        Assert.AreEqual(SourceStatus.Fetched, result.Status, result.Reason);
        Assert.AreEqual(6L, result.Rows);
        using var doc = JsonDocument.Parse(await h.ReadBytesAsync(result.RawPath!));
        Assert.AreEqual("v4", doc.RootElement.GetProperty("odata_version").GetString());
        Assert.AreEqual(6, doc.RootElement.GetProperty("Observations").GetArrayLength());
        Assert.AreEqual("GM0363  ", doc.RootElement.GetProperty("dimensions").GetProperty("RegioS")[0].GetProperty("Identifier").GetString());
        Assert.AreEqual(JsonValueKind.Null, doc.RootElement.GetProperty("Observations")[3].GetProperty("Value").ValueKind);
        Assert.AreEqual(1, doc.RootElement.GetProperty("MeasureCodes").GetArrayLength());
    }

    [TestMethod]
    public async Task An_HTML_page_instead_of_an_OData_page_fails_the_table_and_is_quarantined()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable("85368NED");
        h.Server.Given(Request.Create().WithPath("/ODataFeed/odata/85368NED/TypedDataSet").WithParam("$skip", "100").UsingGet()).AtPriority(-10)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html><body>Storing</body></html>"));

        var result = (await h.Bronze(OnlyTable("85368NED"), onlyCbs: true).FetchAllAsync()).Single(r => r.Bron == "cbs");

        Assert.AreEqual(SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "CBS");
        StringAssert.Contains(result.Reason, "an HTML page");
        StringAssert.Contains(result.Reason, "$skip=100");
        Assert.AreEqual(0, (await h.FilesAsync("raw/")).Count);
        Assert.AreEqual(2, (await h.FilesAsync("quarantine/bronze/cbs/85368NED/")).Count);
    }
}
