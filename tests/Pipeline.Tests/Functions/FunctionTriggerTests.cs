using Pipeline.Core.Tables;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration.Triggers;
using Pipeline.Core.Runs;
using Pipeline.Functions;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Functions;

/// <summary>
/// The function app's functions, built the way <c>Program</c> builds them (no Functions host) and invoked with real
/// trigger payloads (a <see cref="BlobClient"/> on Azurite, a <see cref="TimerInfo"/>): files flow through to alerts,
/// at-least-once delivery leaves one lake and one alert, a failing file is quarantined after the configured attempts,
/// and a missed night is caught up once.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class FunctionTriggerTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>The sample of the studenten resource the pipeline takes (position 0, "… en leerweg").</summary>
    private const string StudentenLeerwegFile = "2021-2025-01-studenten-per-instelling-bevoegd-gezag-plaats-gemeente-provincie-van-de-instelling-.csv";

    private WireMockServer _hook = null!;
    private AiosmtpdServer _smtp = null!;
    private string _prefix = "";
    private ServiceProvider _services = null!;

    [TestInitialize]
    public void Start()
    {
        _hook = WireMockServer.Start();
        _hook.Given(Request.Create().WithPath("/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        _smtp = AiosmtpdServer.Start();
        _prefix = Azurite.UniquePrefix();
        _services = new ServiceCollection().AddLogging().AddFunctionApp(Config()).BuildServiceProvider();
    }

    [TestCleanup]
    public async Task Stop()
    {
        await _services.DisposeAsync();
        _hook.Stop();
        _hook.Dispose();
        _smtp.Dispose();
    }

    /// <summary>The app's configuration as <c>Program</c> layers it, with test settings as the app settings.</summary>
    private IConfiguration Config(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(Orchestration.OrchestrationLake.Offline)
        {
            ["Lake:Root"] = Azurite.ConnectionString,
            ["Lake:ContainerPrefix"] = _prefix,
            ["Pipeline:InstanceName"] = "function-app",
            ["Alerts:Webhook:Url"] = _hook.Urls[0] + "/hook",
            ["Alerts:Smtp:Host"] = _smtp.Host,
            ["Alerts:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:Smtp:Security"] = "None",
            ["Alerts:Smtp:From"] = "pipeline@example.org",
            ["Alerts:Operators:To"] = "beheer@example.org",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return new ConfigurationBuilder().AddPipelineDefaults().AddInMemoryCollection(settings).Build();
    }

    private Pipeline.Functions.Functions App => _services.GetRequiredService<Pipeline.Functions.Functions>();
    private ILakeStore Lake => _services.GetRequiredService<ILakeStore>();

    /// <summary>Writes a file into a zone and returns the blob the trigger would be given, with its name in the zone.</summary>
    private async Task<(BlobClient Blob, string Name)> PutAsync(string zone, string name, byte[] content)
    {
        await using (var ms = new MemoryStream(content))
            await Lake.WriteAsync(LakePath.Parse($"{zone}/{name}"), ms);
        var blob = Azurite.Service().GetBlobContainerClient(BlobLake.ContainerName(_prefix, zone)).GetBlobClient(name);
        Assert.IsTrue((await blob.ExistsAsync()).Value, $"{zone}/{name} is the blob the trigger names");
        return (blob, name);
    }

    private Task<(BlobClient Blob, string Name)> PutRawAsync(string dataset, byte[] content) =>
        PutAsync(LakeZones.Raw, $"duo/{dataset}/2026-11-23/{Convert.ToHexStringLower(SHA256.HashData(content))}.csv", content);

    private static byte[] Sample(params string[] parts) => File.ReadAllBytes(Path.Combine([Samples, .. parts]));
    private static byte[] Studenten => Sample("duo", "mbo-studenten-per-instelling", StudentenLeerwegFile);

    private async Task<List<RunManifest>> RunsAsync()
    {
        var runs = new List<RunManifest>();
        await foreach (var e in Lake.ListAsync(LakeZones.Runs + "/"))
            if (await RunRecorder.ReadAsync(Lake, e.Path) is { } m) runs.Add(m);
        return runs;
    }

    /// <summary>"The same lake": the silver and gold files, the silver row counts and the gold rows (run ids aside).</summary>
    private async Task<(List<string> Files, string SilverRows, List<string> Indicators, List<string> Alerts)> PublishedAsync()
    {
        var files = new List<string>();
        foreach (var zone in new[] { LakeZones.Silver, LakeZones.Gold })
            files.AddRange(await Lake.NamesAsync(zone + "/"));
        var checks = System.Text.Json.Nodes.JsonNode.Parse(await Lake.ReadTextAsync("silver/mbo_studenten_per_instelling/_checks.json"))!;
        var indicators = (await GoldTableStore.ReadIndicatorenAsync(Lake))
            .Select(r => $"{r.Instellingscode}|{r.Indicator}|{r.Jaar}|{r.Waarde}").Order().ToList();
        var alerts = (await GoldTableStore.ReadAlertsAsync(Lake)).Select(a => a.AlertId).Order().ToList();
        return (files.Order().ToList(), $"{checks["rows_in"]}/{checks["rows_out"]}", indicators, alerts);
    }

    private int WebhookPosts() => _hook.LogEntries.Count(e => e.RequestMessage.Path == "/hook");

    [TestMethod]
    public async Task Upload_then_raw_file_yield_silver_gold_and_one_digest_listing_each_alert_once()
    {
        var ambitions = await PutAsync(LakeZones.Landing, "ambities/ambities.csv", Sample("ambities", "ambities.csv"));
        await App.OnUpload(ambitions.Blob, ambitions.Name, CancellationToken.None);
        var raw = await PutRawAsync("mbo-studenten-per-instelling", Studenten);
        await App.OnRawFile(raw.Blob, raw.Name, CancellationToken.None);

        Assert.IsNotEmpty(await Lake.NamesAsync("silver/mbo_studenten_per_instelling/"), "silver written");
        var alerts = await GoldTableStore.ReadAlertsAsync(Lake);
        Assert.IsTrue(alerts.Any(a => a.Indicator == "aandeel_bbl"), "alerts come from the uploaded ambitions and the raw file");
        Assert.AreEqual(1, WebhookPosts(), "one digest for the run");
        CollectionAssert.AreEquivalent(alerts.Select(a => a.AlertId).ToList(), DigestCards.AlertIds(DigestCards.Accepted(_hook).Single()),
            "the digest lists each current alert once");
        var runs = await RunsAsync();
        Assert.IsTrue(runs.Any(r => r.Trigger == "upload" && r.Outcome == RunOutcomes.Succeeded));
        Assert.IsTrue(runs.Any(r => r.Trigger == "raw-file" && r.Outcome == RunOutcomes.Succeeded));
    }

    [TestMethod]
    public async Task Same_blob_delivered_twice_at_once_and_again_leaves_an_identical_lake_and_no_second_alert()
    {
        var ambitions = await PutAsync(LakeZones.Raw, "ambities/ambities/2026-11-23/a.csv", Sample("ambities", "ambities.csv"));
        await App.OnRawFile(ambitions.Blob, ambitions.Name, CancellationToken.None);
        var raw = await PutRawAsync("mbo-studenten-per-instelling", Studenten);

        // Event Grid delivers at least once: two instances get the same event at the same time.
        await Task.WhenAll(App.OnRawFile(raw.Blob, raw.Name, CancellationToken.None), App.OnRawFile(raw.Blob, raw.Name, CancellationToken.None));
        var lake = await PublishedAsync();
        var posts = WebhookPosts();
        Assert.IsGreaterThan(0, posts, "the sample data yields alerts");

        await App.OnRawFile(raw.Blob, raw.Name, CancellationToken.None); // and once more, later
        var again = await PublishedAsync();
        CollectionAssert.AreEqual(lake.Files, again.Files, "the same silver and gold files");
        Assert.AreEqual(lake.SilverRows, again.SilverRows, "the same silver rows");
        CollectionAssert.AreEqual(lake.Indicators, again.Indicators, "the same indicator values");
        CollectionAssert.AreEqual(lake.Alerts, again.Alerts, "the same alerts, none twice");
        var posted = DigestCards.Accepted(_hook).SelectMany(DigestCards.AlertIds).Order().ToList();
        CollectionAssert.AreEqual(lake.Alerts, posted, "each alert posted once, in one of the digests");
        Assert.AreEqual(posts, WebhookPosts(), "nothing is posted twice");
    }

    [TestMethod]
    public async Task Failing_file_is_quarantined_after_the_configured_attempts_with_one_operator_alert_and_the_next_file_goes_through()
    {
        var bad = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Studenten).Replace("INSTELLINGSCODE", "BRIN"));
        var poison = await PutRawAsync("mbo-studenten-per-instelling", bad);
        var max = _services.GetRequiredService<IOptions<AttemptOptions>>().Value.MaxAttempts;
        Assert.AreEqual(3, max, "the default");

        // The host retries a function that throws; the last attempt hands the file to quarantine and returns.
        for (var attempt = 1; attempt < max; attempt++)
            await Assert.ThrowsAsync<Exception>(() => App.OnRawFile(poison.Blob, poison.Name, CancellationToken.None), $"attempt {attempt} is retried");
        Assert.IsFalse(await Lake.ExistsAsync(LakePath.Parse($"quarantine/poison/raw/{poison.Name}.reason.txt")), "not before the last attempt");
        await App.OnRawFile(poison.Blob, poison.Name, CancellationToken.None);

        StringAssert.Contains(await Lake.ReadTextAsync($"quarantine/poison/raw/{poison.Name}.reason.txt"), "INSTELLINGSCODE");
        Assert.IsTrue(await Lake.ExistsAsync(LakePath.Parse($"quarantine/poison/raw/{poison.Name}")), "the file itself is kept for inspection");
        var attempts = (await RunsAsync()).Count(r => r.Trigger == "raw-file" && r.Stages.Any(s => s.Inputs.Any(i => i.Path == $"raw/{poison.Name}")));
        Assert.AreEqual(max, attempts);
        var mails = _smtp.Messages();
        Assert.AreEqual(1, mails.Count(m => m.To.ToString().Contains("beheer@example.org") && (m.Subject ?? "").Contains(poison.Name)),
            "one operator alert; mails: " + string.Join(" | ", mails.Select(m => $"{m.To}: {m.Subject}")));

        var good = await PutRawAsync("mbo-studenten-per-instelling", Studenten);
        await App.OnRawFile(good.Blob, good.Name, CancellationToken.None);
        Assert.IsNotEmpty(await Lake.NamesAsync("silver/mbo_studenten_per_instelling/"), "the next good file is processed");
    }

    [TestMethod]
    public async Task Upload_waiting_behind_a_long_fetch_is_retried_without_counting_attempts_and_goes_through_once_the_lake_is_free()
    {
        await using var services = new ServiceCollection().AddLogging()
            .AddFunctionApp(Config(new Dictionary<string, string?> { ["Pipeline:TriggerLockWait"] = "00:00:01" })).BuildServiceProvider();
        var app = services.GetRequiredService<Pipeline.Functions.Functions>();
        var ambitions = await PutAsync(LakeZones.Landing, "ambities/ambities.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "ambities", "ambities.csv")));
        var max = services.GetRequiredService<IOptions<AttemptOptions>>().Value.MaxAttempts;

        // A nightly fetch holds the bronze lock for longer than the trigger may wait: every delivery gives up, none counts.
        await using (await Lake.AcquireLockAsync(Pipeline.Core.Orchestration.PipelineService.BronzeLock, TimeSpan.FromSeconds(5)))
            for (var delivery = 1; delivery <= max + 1; delivery++)
                await Assert.ThrowsAsync<LakeLockTimeoutException>(() => app.OnUpload(ambitions.Blob, ambitions.Name, CancellationToken.None),
                    $"delivery {delivery} is handed back to the host");

        Assert.IsFalse(await Lake.ExistsAsync(AttemptGuard.StatePath($"landing/{ambitions.Name}")), "no attempt counted");
        Assert.IsEmpty(await Lake.NamesAsync("quarantine/poison/"), "a good upload is never quarantined for waiting");
        Assert.IsTrue(await Lake.ExistsAsync(LakePath.Parse($"landing/{ambitions.Name}")), "the upload stays in landing/");

        await app.OnUpload(ambitions.Blob, ambitions.Name, CancellationToken.None);
        Assert.IsNotEmpty(await Lake.NamesAsync("raw/ambities/"), "ingested once the lock is free");
    }

    [TestMethod]
    public async Task Operator_notice_outside_a_refresh_waits_for_the_publish_lock_and_is_then_sent_once()
    {
        var poison = await PutRawAsync("mbo-studenten-per-instelling", Studenten);
        var pipeline = _services.GetRequiredService<Pipeline.Core.Orchestration.PipelineService>();
        int Notices() => _smtp.Messages().Count(m => m.To.ToString().Contains("beheer@example.org"));

        // A refresh is publishing (and so writing the alert outbox): the notice must not write the outbox beside it.
        var publishing = await Lake.AcquireLockAsync(Pipeline.Core.Orchestration.PipelineService.PublishLock, TimeSpan.FromSeconds(5));
        var handling = pipeline.HandlePoisonAsync($"raw/{poison.Name}", "kept failing");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.IsFalse(handling.IsCompleted, "the notice waits for the publish lock");
        Assert.AreEqual(0, Notices(), "nothing sent while the lock is held");

        await publishing.DisposeAsync();
        await handling;
        Assert.AreEqual(1, Notices(), "sent once the refresh is done");
    }

    [TestMethod]
    public async Task A_raw_files_sidecar_blob_starts_no_run_of_its_own()
    {
        var raw = await PutRawAsync("mbo-studenten-per-instelling", Studenten);
        await App.OnRawFile(raw.Blob, raw.Name, CancellationToken.None);
        var runs = (await RunsAsync()).Count;
        var gold = await Lake.NamesAsync("gold/");

        // Bronze writes {sha256}.csv.json beside the file; Event Grid reports its BlobCreated to the same function.
        var sidecar = await PutAsync(LakeZones.Raw, raw.Name + ".json", System.Text.Encoding.UTF8.GetBytes("{}"));
        await App.OnRawFile(sidecar.Blob, sidecar.Name, CancellationToken.None);

        Assert.AreEqual(runs, (await RunsAsync()).Count, "no run for the sidecar: gold and the report are not recomputed");
        CollectionAssert.AreEqual(gold, await Lake.NamesAsync("gold/"));
    }

    [TestMethod]
    public async Task Past_due_timer_after_missed_nights_runs_the_refresh_once()
    {
        await Lake.WriteJsonAsync(NightlyRun.StatePath, new NightlyRun.State(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-4), "earlier", RunOutcomes.Succeeded));

        await App.NightlyRefresh(new TimerInfo { IsPastDue = true }, CancellationToken.None);
        await App.NightlyRefresh(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        var nightly = (await RunsAsync()).Where(r => r.Trigger.StartsWith("timer", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, nightly, "caught up once, not once per missed night or per firing");
        Assert.AreEqual("timer (past due)", nightly[0].Trigger);
        Assert.AreEqual(nightly[0].RunId, (await Lake.ReadJsonAsync<NightlyRun.State>(NightlyRun.StatePath))!.RunId);
    }

    [TestMethod]
    [DataRow("Pipeline:TimeZone", "Europe/Amsterdan")]
    [DataRow("Pipeline:MaxAttempts", "0")]
    [DataRow("Pipeline:NightlyWindow", "00:00:00")]
    [DataRow("Pipeline:TriggerLockWait", "00:20:00")]
    public async Task Bad_trigger_setting_stops_the_start_naming_the_key(string key, string value)
    {
        using var host = new HostBuilder()
            .ConfigureServices(s => s.AddFunctionApp(Config(new Dictionary<string, string?> { [key] = value })))
            .Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        StringAssert.Contains(e.Message, key.Split(':')[1]);
    }
}
