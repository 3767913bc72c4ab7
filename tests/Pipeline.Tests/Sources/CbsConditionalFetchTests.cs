using Pipeline.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pipeline.Tests.Sources;

/// <summary>
/// A CBS table is read page by page only when its <c>TableInfos.Modified</c> differs from the one stored with the
/// current raw file (or the server's validators on TableInfos say it changed); otherwise one request settles it.
/// </summary>
[TestClass]
public sealed class CbsConditionalFetchTests
{
    private const string Table = "85368NED";
    private static readonly Dictionary<string, string?> OnlyTable = new() { [$"Sources:Cbs:Tables:{Table}:Protocol"] = "v3" };

    private static int Requests(BronzeHarness h, string path) => h.Server.LogEntries.Count(e => e.RequestMessage.Path == path);
    private static int Pages(BronzeHarness h) => Requests(h, $"/ODataFeed/odata/{Table}/TypedDataSet");

    private static void TableInfos(BronzeHarness h, string? modified, string? etag = null)
    {
        var item = modified is null ? """{"ID":1,"Identifier":"85368NED"}""" : $$"""{"ID":1,"Identifier":"85368NED","Modified":"{{modified}}"}""";
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
            .WithBody($$"""{"odata.metadata":"x","value":[{{item}}]}""");
        if (etag is not null) response = response.WithHeader("ETag", etag);
        h.Server.Given(Request.Create().WithPath($"/ODataApi/odata/{Table}/TableInfos").UsingGet()).AtPriority(-5).RespondWith(response);
    }

    private static async Task<SourceResult> FetchAsync(BronzeHarness h) =>
        (await h.Bronze(OnlyTable, onlyCbs: true).FetchAllAsync()).Single(r => r.Bron == "cbs");

    [TestMethod]
    public async Task A_second_fetch_with_the_same_Modified_reads_no_page()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable(Table);
        Assert.AreEqual(SourceStatus.Fetched, (await FetchAsync(h)).Status);
        var pages = Pages(h);
        var codeLists = Requests(h, $"/ODataApi/odata/{Table}/DataProperties");

        var again = await FetchAsync(h);

        Assert.AreEqual(SourceStatus.Unchanged, again.Status);
        StringAssert.Contains(again.Reason, "no page fetched");
        Assert.AreEqual(pages, Pages(h), "no data page");
        Assert.AreEqual(codeLists, Requests(h, $"/ODataApi/odata/{Table}/DataProperties"), "no metadata either");
        Assert.AreEqual((await h.CurrentAsync("cbs", Table))!.Path, again.RawPath, "the current raw file stays current");
    }

    [TestMethod]
    public async Task A_new_Modified_reads_the_table_again()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable(Table);
        TableInfos(h, "2024-03-15T02:00:00");
        await FetchAsync(h);
        var pages = Pages(h);

        TableInfos(h, "2025-03-14T02:00:00");
        var again = await FetchAsync(h);

        Assert.AreEqual(pages * 2, Pages(h), "every page again");
        Assert.AreEqual(SourceStatus.Unchanged, again.Status, "same rows: the raw file is the same");
        await FetchAsync(h);
        Assert.AreEqual(pages * 2, Pages(h), "and the new Modified is remembered");
    }

    [TestMethod]
    public async Task A_TableInfos_without_Modified_falls_back_to_reading_every_page()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable(Table);
        TableInfos(h, modified: null);
        await FetchAsync(h);
        var pages = Pages(h);

        await FetchAsync(h);

        Assert.AreEqual(pages * 2, Pages(h));
    }

    [TestMethod]
    public async Task A_304_on_TableInfos_with_the_ETag_of_the_last_download_reads_no_page()
    {
        using var h = new BronzeHarness();
        h.ServeCbsTable(Table);
        TableInfos(h, "2024-03-15T02:00:00", etag: "\"v1\"");
        await FetchAsync(h);
        var pages = Pages(h);
        h.Server.Given(Request.Create().WithPath($"/ODataApi/odata/{Table}/TableInfos").WithHeader("If-None-Match", "\"v1\"").UsingGet())
            .AtPriority(-10).RespondWith(Response.Create().WithStatusCode(304));

        var again = await FetchAsync(h);

        Assert.AreEqual(SourceStatus.Unchanged, again.Status);
        StringAssert.Contains(again.Reason, "304");
        Assert.AreEqual(pages, Pages(h));
    }
}
