using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;
using Pipeline.Functions;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Hosting;

/// <summary>
/// The function app running unattended against Azurite: uploads flow through to alerts, at-least-once delivery leaves
/// one lake and one alert, poison files are quarantined without blocking others, and a missed night is caught up once.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class OrchestrationTests
{
    private static readonly string HostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    private WireMockServer _hook = null!;
    private AiosmtpdServer _smtp = null!;
    private string _prefix = "";

    [TestInitialize]
    public void Start()
    {
        _hook = WireMockServer.Start();
        _hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        _smtp = AiosmtpdServer.Start();
        _prefix = Azurite.UniquePrefix();
    }

    [TestCleanup]
    public void Stop()
    {
        _hook.Stop();
        _hook.Dispose();
        _smtp.Dispose();
    }

    private IConfiguration Config(string schedule = "0 0 2 * * *", string instance = "host-a") =>
        Program.Configuration(null, new Dictionary<string, string?>(Orchestration.OrchestrationLake.Offline)
        {
            ["Lake:Root"] = Azurite.ConnectionString,
            ["Lake:ContainerPrefix"] = _prefix,
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Pipeline:NightlySchedule"] = schedule,
            ["Pipeline:HostId"] = "h-" + _prefix,
            ["Pipeline:InstanceName"] = instance,
            ["Alerts:Webhook:Url"] = _hook.Urls[0] + "/hook",
            ["Alerts:Smtp:Host"] = _smtp.Host,
            ["Alerts:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "pipeline@example.org",
            ["Alerts:Operators:To"] = "beheer@example.org",
        });

    private static async Task<string> PutRawAsync(ILakeStore lake, string bron, string dataset, byte[] content, string ext)
    {
        var name = $"raw/{bron}/{dataset}/2026-11-23/{Convert.ToHexStringLower(SHA256.HashData(content))}.{ext}";
        await using var ms = new MemoryStream(content);
        await lake.WriteAsync(LakePath.Parse(name), ms);
        return name;
    }

    /// <summary>The sample of the studenten resource the pipeline takes (position 0, "… en leerweg").</summary>
    private const string StudentenLeerwegFile = "2021-2025-01-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv";

    private static byte[] Sample(params string[] parts) => File.ReadAllBytes(Path.Combine([Samples, .. parts]));

    private static async Task<List<RunManifest>> RunsAsync(ILakeStore lake)
    {
        var runs = new List<RunManifest>();
        await foreach (var e in lake.ListAsync(LakeZones.Runs + "/"))
            if (await RunRecorder.ReadAsync(lake, e.Path) is { } m) runs.Add(m);
        return runs;
    }

    /// <summary>A started host on a fresh lake, past its listeners' first sweep (see FunctionHostTests).</summary>
    private async Task<(IHost Host, BlobLake Lake)> StartHostAsync()
    {
        var config = Config();
        var lake = (BlobLake)config.CreateLake();
        await lake.EnsureZonesAsync();
        var host = PipelineHost.Build(config, HostJson);
        await host.StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return (host, lake);
    }

    private int WebhookPosts() => _hook.LogEntries.Count(e => e.RequestMessage.Path == "/hook");

    [TestMethod]
    public async Task Uploading_ambitions_and_a_raw_source_file_yields_silver_gold_and_alerts_within_30_seconds()
    {
        var (host, lake) = await StartHostAsync();
        using var _ = host;
        try
        {
            var started = DateTime.UtcNow;
            await using (var a = new MemoryStream(Sample("ambities", "ambities.csv")))
                await lake.WriteAsync(LakePath.Parse("landing/ambities/ambities.csv"), a);
            await PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", Sample("duo", "mbo-studenten-per-instelling", StudentenLeerwegFile), "csv");

            var done = await LakeTestExtensions.EventuallyAsync(async () =>
                (await lake.NamesAsync("silver/mbo_studenten_per_instelling/")).Count > 0
                && (await lake.NamesAsync("gold/alerts/")).Count > 0
                && WebhookPosts() > 0, TimeSpan.FromSeconds(30));
            Assert.IsTrue(done, $"after {(DateTime.UtcNow - started).TotalSeconds:F0} s: silver {(await lake.NamesAsync("silver/")).Count} files, " +
                                $"gold/alerts {(await lake.NamesAsync("gold/alerts/")).Count}, webhook posts {WebhookPosts()}; runs: " +
                                string.Join("; ", (await RunsAsync(lake)).Select(r => $"{r.Trigger}:{r.Outcome}")));
            var alerts = await new GoldTableIo(lake).ReadGoldAsync<AlertRow>(GoldService.AlertsTable);
            Assert.IsTrue(alerts.Any(a => a.Indicator == "aandeel_bbl"), "alerts come from the uploaded source and ambitions");
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    [TestMethod]
    public async Task Same_raw_file_delivered_twice_at_once_and_again_leaves_one_set_of_rows_and_sends_each_alert_once()
    {
        var config = Config();
        await using var services = new ServiceCollection().AddLogging().AddPipeline(config).BuildServiceProvider();
        var lake = services.GetRequiredService<ILakeStore>();
        await PutRawAsync(lake, "ambities", "ambities", Sample("ambities", "ambities.csv"), "csv");
        var raw = await PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", Sample("duo", "mbo-studenten-per-instelling", StudentenLeerwegFile), "csv");
        PipelineService Pipeline() => services.GetRequiredService<PipelineService>();

        // Two hosts (or a retry racing the first attempt) process the same blob at the same time.
        await Task.WhenAll(Pipeline().ProcessRawFileAsync(raw), Pipeline().ProcessRawFileAsync(raw));
        var io = new GoldTableIo(lake);
        var alerts = await io.ReadGoldAsync<AlertRow>(GoldService.AlertsTable);
        var indicators = await io.ReadGoldAsync<IndicatorRow>(GoldService.IndicatorenTable);
        var posts = WebhookPosts();
        Assert.IsTrue(alerts.Count > 0, "the sample data yields alerts");
        Assert.AreEqual(alerts.Count, posts, "each alert is posted once");
        Assert.AreEqual(alerts.Count, alerts.Select(a => a.AlertId).Distinct().Count(), "no duplicate alert rows");

        await Pipeline().ProcessRawFileAsync(raw); // delivered once more, later
        Assert.AreEqual(indicators.Count, (await io.ReadGoldAsync<IndicatorRow>(GoldService.IndicatorenTable)).Count);
        Assert.AreEqual(alerts.Count, (await io.ReadGoldAsync<AlertRow>(GoldService.AlertsTable)).Count);
        Assert.AreEqual(posts, WebhookPosts(), "nothing is sent twice");
        var silverRows = (await lake.NamesAsync("silver/mbo_studenten_per_instelling/")).Count(n => n.EndsWith(".parquet"));
        Assert.AreEqual(5, silverRows, "one file per year partition, never appended");
    }

    [TestMethod]
    public async Task Poison_file_is_quarantined_after_the_configured_attempts_with_one_operator_alert_and_the_next_file_is_processed()
    {
        var (host, lake) = await StartHostAsync();
        using var _ = host;
        try
        {
            var good = Sample("duo", "mbo-studenten-per-instelling", StudentenLeerwegFile);
            var bad = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(good).Replace("INSTELLINGSCODE", "BRIN"));
            var badName = await PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", bad, "csv");

            var quarantined = await LakeTestExtensions.EventuallyAsync(
                async () => await lake.ExistsAsync(LakePath.Parse($"quarantine/poison/{badName}.reason.txt")), TimeSpan.FromSeconds(90));
            Assert.IsTrue(quarantined, "the poison file was not quarantined; runs: " +
                                       string.Join("; ", (await RunsAsync(lake)).Select(r => $"{r.Trigger}:{r.Outcome}")));
            var attempts = (await RunsAsync(lake)).Count(r => r.Trigger == "raw-file" && r.Stages.Any(s => s.Inputs.Any(i => i.Path == badName)));
            Assert.AreEqual(HostSettings.Load(HostJson).MaxDequeueCount, attempts, "attempts before poison");
            StringAssert.Contains(await lake.ReadTextAsync($"quarantine/poison/{badName}.reason.txt"), "INSTELLINGSCODE");

            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var goodName = await PutRawAsync(lake, "duo", "mbo-studenten-per-instelling", good, "csv");
            Assert.IsTrue(await LakeTestExtensions.EventuallyAsync(
                async () => (await RunsAsync(lake)).Any(r => r.Trigger == "raw-file" && r.Outcome == RunOutcomes.Succeeded
                                                             && r.Stages.Any(s => s.Inputs.Any(i => i.Path == goodName))), TimeSpan.FromSeconds(30)),
                "the next good file was not processed");
            Assert.IsTrue((await lake.NamesAsync("silver/mbo_studenten_per_instelling/")).Count > 0);
            var mails = _smtp.Messages();
            var operatorMails = mails.Count(m => m.To.ToString().Contains("beheer@example.org") && (m.Subject ?? "").Contains(badName));
            Assert.AreEqual(1, operatorMails, "one operator alert for the poison file; mails: " + string.Join(" | ", mails.Select(m => $"{m.To}: {m.Subject}")));
        }
        finally
        {
            await host.StopQuietlyAsync();
        }
    }

    [TestMethod]
    public async Task Host_started_after_a_missed_nightly_run_catches_up_once()
    {
        var config = Config();
        var lake = (BlobLake)config.CreateLake();
        await lake.EnsureZonesAsync();
        // A first start records the schedule's status (last and next occurrence) in the host's storage.
        using (var first = PipelineHost.Build(config, HostJson))
        {
            await first.StartAsync();
            await first.StopQuietlyAsync();
        }
        var hosts = new BlobServiceClient(Azurite.ConnectionString, BlobLake.ClientOptions()).GetBlobContainerClient("azure-webjobs-hosts");
        var status = await LakeTestExtensions.EventuallyAsync(async () =>
        {
            await foreach (var b in hosts.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"timers/h-{_prefix}/" })) return true;
            return false;
        }, TimeSpan.FromSeconds(10));
        Assert.IsTrue(status, "no timer status blob was written");
        await foreach (var b in hosts.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"timers/h-{_prefix}/" }))
        {
            // The host was down at 02:00 for three nights.
            // The host was down at 02:00 for three nights. Last and Next must be consecutive occurrences of the
            // schedule, or the SDK takes the status for a changed schedule and does not catch up.
            var last = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-4).AddHours(2), TimeSpan.Zero);
            var missed = $$"""{"Last":"{{last:yyyy-MM-ddTHH:mm:sszzz}}","Next":"{{last.AddDays(1):yyyy-MM-ddTHH:mm:sszzz}}","LastUpdated":"{{last:yyyy-MM-ddTHH:mm:sszzz}}"}""";
            await hosts.GetBlobClient(b.Name).UploadAsync(BinaryData.FromString(missed), overwrite: true);
        }

        using var second = PipelineHost.Build(config, HostJson);
        await second.StartAsync();
        try
        {
            Assert.IsTrue(await LakeTestExtensions.EventuallyAsync(
                async () => (await RunsAsync(lake)).Any(r => r.Trigger == "timer (past due)"), TimeSpan.FromSeconds(30)),
                "the missed run was not caught up");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        finally
        {
            await second.StopQuietlyAsync();
        }
        Assert.AreEqual(1, (await RunsAsync(lake)).Count(r => r.Trigger.StartsWith("timer")), "caught up once, not once per missed night");
    }
}
