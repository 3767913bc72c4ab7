using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pipeline.Tests.Sources;

[TestClass]
public sealed class DuoSourceTests
{
    private const string Dataset = "mbo-studenten-per-instelling";
    private const string Leerweg = DuoPortal.StudentenLeerwegName;
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes(DuoPortal.StudentenCsv());

    private static SourceResult Duo(IReadOnlyList<SourceResult> all) => all.Single(r => r.Bron == "duo" && r.Dataset == Dataset);

    /// <summary>The declared rule: the resource named "… en leerweg" at position 0.</summary>
    private static Dictionary<string, string?> OnlyStudenten() => new();

    /// <summary>An operator's override through the documented keys: any name containing "studenten per instelling", any position.</summary>
    private static Dictionary<string, string?> LooseRule() => new()
    {
        ["Sources:Duo:Datasets:mbo-studenten-per-instelling:ResourceName"] = "(?i)studenten per instelling",
        ["Sources:Duo:Datasets:mbo-studenten-per-instelling:Position"] = "-1",
    };

    [TestMethod]
    public async Task Picks_the_matching_resource_of_two_and_stores_it_byte_for_byte_with_its_provenance()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "Aantallen per instelling (voorlopige cijfers 2025).",
            (Leerweg, "CSV", "res-csv"), ("Toelichting studenten per instelling", "PDF", "res-pdf"));
        h.StubCsv("res-csv", Csv);

        var result = Duo(await h.Bronze(OnlyStudenten(), onlyDuo: true).FetchAllAsync());

        Assert.AreEqual(SourceStatus.Fetched, result.Status, result.Reason);
        var pointer = await h.CurrentAsync("duo", Dataset);
        Assert.IsNotNull(pointer);
        StringAssert.StartsWith(pointer.Path, $"raw/duo/{Dataset}/");
        StringAssert.EndsWith(pointer.Path, $"/{pointer.Sha256}.csv");
        CollectionAssert.AreEqual(Csv, await h.ReadBytesAsync(pointer.Path), "raw keeps the BOM and every byte as received");

        var sidecar = await RawWriter.ReadSidecarAsync(h.Lake, Pipeline.Core.Lake.LakePath.Parse(pointer.Sidecar));
        Assert.IsNotNull(sidecar);
        Assert.AreEqual("res-csv", sidecar.CkanResourceId);
        Assert.AreEqual(Leerweg, sidecar.CkanResourceName);
        Assert.AreEqual(0, sidecar.CkanResourcePosition);
        Assert.AreEqual("mbo_studenten_per_instelling", sidecar.SilverTable);
        Assert.AreEqual("2026-03-15T09:12:40.000001", sidecar.CkanLastModified);
        Assert.AreEqual(2025, sidecar.VoorlopigJaar);
        Assert.AreEqual("(voorlopige cijfers 2025)", sidecar.VoorlopigNote);
        Assert.AreEqual(Csv.LongLength, sidecar.Size);
        Assert.AreEqual($"{h.Url}/datastore/dump/res-csv?format=csv", sidecar.SourceUrl);
        Assert.AreEqual("text/csv", sidecar.ContentType);
    }

    [TestMethod]
    public async Task Several_matching_resources_fail_clearly_and_name_them()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", ("studenten per instelling 2024", "CSV", "a"), ("studenten per instelling 2025", "CSV", "b"));

        var result = Duo(await h.Bronze(LooseRule(), onlyDuo: true).FetchAllAsync());

        Assert.AreEqual(SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "2 resources");
        StringAssert.Contains(result.Reason, "'studenten per instelling 2024'");
        StringAssert.Contains(result.Reason, "'studenten per instelling 2025'");
        Assert.AreEqual(0, (await h.FilesAsync("raw/")).Count);
    }

    [TestMethod]
    public async Task No_matching_resource_fails_and_lists_what_the_package_has()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", ("Toelichting", "PDF", "a"));

        var result = Duo(await h.Bronze(OnlyStudenten(), onlyDuo: true).FetchAllAsync());

        Assert.AreEqual(SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "no resource");
        StringAssert.Contains(result.Reason, "'Toelichting' (PDF, position 0)");
    }

    [TestMethod]
    public async Task A_503_then_200_is_retried_and_fetched()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").UsingGet()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").UsingGet()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/csv").WithBody(Csv));
        var sp = h.Services(OnlyStudenten(), onlyDuo: true);

        var result = Duo(await sp.GetRequiredService<BronzeService>().FetchAllAsync());

        Assert.AreEqual(SourceStatus.Fetched, result.Status, result.Reason);
        Assert.AreEqual(2, h.Server.LogEntries.Count(e => e.RequestMessage.Path == "/datastore/dump/r1"));
        StringAssert.Contains(BronzeHarness.Journal(sp).Events.Single().Reason, "503");
    }

    [TestMethod]
    public async Task A_429_with_Retry_After_waits_the_time_the_server_asked_for()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").UsingGet()).InScenario("busy").WillSetStateTo("free")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").UsingGet()).InScenario("busy").WhenStateIs("free")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/csv").WithBody(Csv));
        var sp = h.Services(OnlyStudenten(), onlyDuo: true);

        var result = Duo(await sp.GetRequiredService<BronzeService>().FetchAllAsync());

        Assert.AreEqual(SourceStatus.Fetched, result.Status, result.Reason);
        var retry = BronzeHarness.Journal(sp).Events.Single();
        Assert.AreEqual(TimeSpan.FromSeconds(1), retry.Delay, "the Retry-After of 1 s replaces the 10 ms back-off");
        StringAssert.Contains(retry.Reason, "429");
    }

    [TestMethod]
    public async Task A_server_that_does_not_answer_in_time_fails_with_a_timeout_after_retries()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Csv).WithDelay(TimeSpan.FromSeconds(3)));
        var settings = OnlyStudenten();
        settings["Sources:Http:AttemptTimeout"] = "00:00:00.200";
        settings["Sources:Http:MaxRetryAttempts"] = "1";
        var sp = h.Services(settings, onlyDuo: true);

        var result = Duo(await sp.GetRequiredService<BronzeService>().FetchAllAsync());

        Assert.AreEqual(SourceStatus.Failed, result.Status);
        StringAssert.Contains(result.Reason, "no response in time");
        StringAssert.Contains(result.Reason, "/datastore/dump/r1");
        Assert.AreEqual(1, BronzeHarness.Journal(sp).Events.Count, "one retry after the first timed-out attempt");
        Assert.IsNull(await h.CurrentAsync("duo", Dataset));
    }

    [TestMethod]
    public async Task A_304_Not_Modified_on_the_second_run_reports_unchanged_and_stores_nothing()
    {
        using var h = new BronzeHarness();
        h.StubPackage(Dataset, "", (Leerweg, "CSV", "r1"));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").WithHeader("If-None-Match", "\"v1\"").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"v1\""));
        h.Server.Given(Request.Create().WithPath("/datastore/dump/r1").UsingGet()).AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/csv").WithHeader("ETag", "\"v1\"").WithBody(Csv));

        var first = Duo(await h.Bronze(OnlyStudenten(), onlyDuo: true).FetchAllAsync());
        var second = Duo(await h.Bronze(OnlyStudenten(), onlyDuo: true).FetchAllAsync());

        Assert.AreEqual(SourceStatus.Fetched, first.Status, first.Reason);
        Assert.AreEqual(SourceStatus.Unchanged, second.Status, second.Reason);
        Assert.AreEqual("304 Not Modified", second.Reason);
        Assert.AreEqual(first.RawPath, second.RawPath);
        Assert.AreEqual(2, (await h.FilesAsync("raw/")).Count, "one data file and its sidecar");
        var lastRequest = h.Server.LogEntries.Last(e => e.RequestMessage.Path == "/datastore/dump/r1");
        Assert.AreEqual(304, (int)lastRequest.ResponseMessage.StatusCode!);
    }
}
