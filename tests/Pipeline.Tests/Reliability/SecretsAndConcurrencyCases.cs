using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Reliability;

/// <summary>Issue 12 cases that need no child process: secrets in texts and logs, the outbox, Blob containers and leases, raw races.</summary>
[TestClass]
public sealed class SecretsAndConcurrencyCases
{
    private static readonly Uri Hook = new("https://prod-12.westeurope.logic.azure.com:443/workflows/abc123/triggers/manual/paths/invoke?api-version=2016-06-01&sig=TopSecretSig");

    [TestMethod]
    public void A_webhook_url_is_redacted_to_scheme_and_host_in_any_spelling()
    {
        Assert.AreEqual("https://prod-12.westeurope.logic.azure.com", ChannelAddress.Redact(Hook));
        var text = $"failed: {Hook} / {Hook.AbsoluteUri} / {Hook.PathAndQuery} / {Uri.UnescapeDataString(Hook.ToString())}";
        var redacted = ChannelAddress.Redact(text, Hook);
        Assert.DoesNotContain("TopSecretSig", redacted);
        Assert.DoesNotContain("abc123", redacted);
        StringAssert.Contains(redacted, "https://prod-12.westeurope.logic.azure.com");
    }

    [TestMethod]
    public void Markdown_in_an_institution_name_stays_text_in_the_teams_card_and_only_the_report_link_is_live()
    {
        var card = DigestCard.Message(EvilDigest()).ToJsonString();
        Assert.DoesNotContain("[Klik hier](", card);
        Assert.DoesNotContain("[x](", card);
        StringAssert.Contains(card, @"\\[Klik hier\\]\\(https://evil.example\\) \\*ROC\\*");
        StringAssert.Contains(card, "[rapport](https://rapport.example/mbo/instelling/25LH.html)");
    }

    [TestMethod]
    public void Html_in_an_institution_name_stays_text_in_the_mail()
    {
        var html = DigestMail.Html(EvilDigest());
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        StringAssert.Contains(html, "&lt;script&gt;");
        StringAssert.Contains(html, "<a href=\"https://rapport.example/mbo/instelling/25LH.html\">rapport</a>");
    }

    private static AlertDigest EvilDigest()
    {
        var link = new ReportLinks(new Uri("https://rapport.example/mbo")).For("25LH");
        return new AlertDigest(DateTimeOffset.UtcNow,
            [new DigestEntry("id", "25LH|aandeel_bbl", "25LH", "[Klik hier](https://evil.example) *ROC* <script>x</script>", "aandeel_bbl", 2024,
                "uit_koers", Ernst.Kritiek, "Instelling [x](y) <b>ligt</b> uit koers", link)],
            []);
    }

    [TestMethod]
    public void Error_lists_are_capped_to_the_first_twenty_plus_a_count_in_the_run_manifest()
    {
        using var dir = new TempDirectory();
        var run = new RunRecorder(new FileSystemLake(dir.Path), "test");
        var stage = run.Add(new StageRecord
        {
            Stage = "silver", Status = StageStatuses.Failed, Started = default,
            Errors = Enumerable.Range(1, 100_000).Select(i => $"line {i}: bad").ToList(),
            Warnings = [new string('w', 1_000_000)], Message = new string('m', 1_000_000),
        });
        Assert.HasCount(Capped.MaxItems + 1, stage.Errors);
        Assert.AreEqual("… and 99980 more", stage.Errors[^1]);
        Assert.IsLessThan(2 * Capped.MaxChars, stage.Warnings.Single().Length);
        Assert.IsLessThan(10 * Capped.MaxChars, stage.Message!.Length);
        CollectionAssert.AreEqual(stage.Errors.ToList(), Capped.List(stage.Errors).ToList(), "capping twice changes nothing");
    }

    [TestMethod]
    public async Task The_alerts_http_client_logs_no_request_uri()
    {
        using var hook = WireMockServer.Start();
        hook.Given(WireMock.RequestBuilders.Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        var lines = new List<string>();
        using var dir = new TempDirectory();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lake:Root"] = dir.Path }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingProvider(lines)))
            .AddPipeline(config).BuildServiceProvider();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(PipelineComposition.AlertsHttpClient);
        var url = new Uri($"{hook.Urls[0]}/webhookb2/PathSecret/IncomingWebhook?sig=QuerySecret");
        var channel = new WebhookChannel(http, url);
        var e = await Assert.ThrowsExactlyAsync<HttpRequestException>(() => channel.SendAsync(
            new AlertDigest(DateTimeOffset.UtcNow, [], [AlertTexts.UploadRejected("landing/job/x.csv", "kapot")]), CancellationToken.None));
        Assert.DoesNotContain("PathSecret", e.Message);
        Assert.IsFalse(lines.Any(l => l.Contains("PathSecret", StringComparison.Ordinal) || l.Contains("QuerySecret", StringComparison.Ordinal)),
            string.Join("\n", lines));
    }

    [TestMethod]
    public async Task Alerts_without_a_channel_are_pending_never_marked_sent_then_sent_when_a_channel_appears()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var op = new OperatorAlert(AlertTexts.Quarantaine, "Bestand x afgekeurd", "reden");
        var none = await new AlertDispatcher(lake, []).DeliverAsync(null, Links, [op]);
        Assert.AreEqual(0, none.SentTotal);
        Assert.AreEqual(1, none.PendingTotal, "waiting for a channel");
        var again = await new AlertDispatcher(lake, []).DeliverAsync(null, Links, [op]);
        Assert.AreEqual(1, again.PendingTotal, "still one: not queued twice");

        var channel = new RecordingChannel("operators", forOperators: true);
        var sent = await new AlertDispatcher(lake, [channel]).DeliverAsync(null, Links, [op]);
        Assert.AreEqual(1, sent.SentTotal);
        Assert.AreEqual(0, sent.PendingTotal);
        Assert.HasCount(1, channel.Sent);
        await new AlertDispatcher(lake, [channel]).DeliverAsync(null, Links, [op]);
        Assert.HasCount(1, channel.Sent, "sent once");
    }

    [TestMethod]
    public async Task A_failing_channel_error_in_the_outbox_and_the_log_carries_no_secret()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var lines = new List<string>();
        using var factory = LoggerFactory.Create(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingProvider(lines)));
        var channel = new LeakyChannel(Hook);
        var report = await new AlertDispatcher(lake, [channel], log: factory.CreateLogger("alerts"))
            .DeliverAsync(null, Links, [new OperatorAlert(AlertTexts.Quarantaine, "s", "t")]);
        Assert.AreEqual(1, report.PendingTotal);
        var state = await lake.ReadTextAsync(AlertState.StatePath.Value);
        foreach (var text in new[] { state, string.Join("\n", report.Errors), string.Join("\n", lines) })
        {
            Assert.DoesNotContain("TopSecretSig", text);
            Assert.DoesNotContain("abc123", text);
        }
        StringAssert.Contains(state, "https://prod-12.westeurope.logic.azure.com");
    }

    [TestMethod]
    public async Task Two_writers_of_the_same_raw_content_at_once_both_succeed()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        async Task<RawStoreResult> StoreAsync(string runId)
        {
            await using var staged = new StagingFile(1 << 20);
            await staged.Writer.WriteAsync("a,b\n1,2\n"u8.ToArray());
            return await new RawWriter(lake).StoreAsync(staged, new RawSidecar
            {
                Bron = "duo", Dataset = "x", Extension = "csv", ContentType = "text/csv", SourceUrl = "https://example.test/x.csv",
                RetrievedAt = DateTimeOffset.UtcNow, RunId = runId,
            });
        }
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => StoreAsync($"run{i}"))));
        Assert.HasCount(1, results.Select(r => r.Path).Distinct());
        Assert.HasCount(2, (await lake.NamesAsync("raw/duo/x/")).Where(n => !n.EndsWith("current.json", StringComparison.Ordinal)).ToList());
    }

    [TestMethod]
    public async Task BlobLake_retries_a_container_lookup_that_was_cancelled()
    {
        var lake = Azurite.NewLake();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAsync<OperationCanceledException>(() => lake.ExistsAsync(LakePath.Parse("gold/x.json"), cancelled.Token));
        Assert.IsFalse(await lake.ExistsAsync(LakePath.Parse("gold/x.json")), "the next call looks the container up again");
        await lake.WriteTextAsync("gold/x.json", "{}");
        Assert.IsTrue(await lake.ExistsAsync(LakePath.Parse("gold/x.json")));
    }

    [TestMethod]
    public async Task BlobLake_retries_a_container_lookup_that_failed()
    {
        var failOnce = new FailFirstRequests(1);
        var options = BlobLake.ClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(failOnce, HttpPipelinePosition.PerRetry);
        var lake = new BlobLake(new BlobServiceClient(Azurite.ConnectionString, options), Azurite.UniquePrefix());
        await Assert.ThrowsAsync<Exception>(() => lake.ExistsAsync(LakePath.Parse("silver/x.json")));
        await lake.WriteTextAsync("silver/x.json", "{}");
        Assert.IsTrue(await lake.ExistsAsync(LakePath.Parse("silver/x.json")), "a failed lookup is not cached");
    }

    [TestMethod]
    public async Task A_lost_blob_lease_cancels_the_critical_section_at_once()
    {
        var prefix = Azurite.UniquePrefix();
        var lake = new BlobLake(Azurite.Service(), prefix) { LeaseRenewal = TimeSpan.FromMilliseconds(300) };
        await using var held = await lake.AcquireLockAsync("publish", TimeSpan.FromSeconds(10));
        Assert.IsFalse(held.Token.IsCancellationRequested);
        var blob = Azurite.Service().GetBlobContainerClient(BlobLake.ContainerName(prefix, LakeZones.State)).GetBlobClient("locks/publish.lock");
        await blob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        var work = Task.Delay(TimeSpan.FromSeconds(30), held.Token);
        var stopped = await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.AreSame(work, stopped, "the critical section's token was cancelled when the renewal failed");
        Assert.IsTrue(held.Token.IsCancellationRequested);
        await using var next = await lake.AcquireLockAsync("publish", TimeSpan.FromSeconds(10)); // free for the next run
    }

    private static readonly ReportLinks Links = new(null);

    private sealed class RecordingChannel(string name, bool forOperators) : IAlertChannel
    {
        public List<AlertDigest> Sent { get; } = [];
        public string Name => name;
        public bool ForOperators => forOperators;
        public Task SendAsync(AlertDigest digest, CancellationToken ct) { Sent.Add(digest); return Task.CompletedTask; }
    }

    /// <summary>A channel whose failure names its whole URL, as a careless HTTP library might.</summary>
    private sealed class LeakyChannel(Uri url) : IAlertChannel
    {
        public string Name => "operators";
        public bool ForOperators => true;
        public Task SendAsync(AlertDigest digest, CancellationToken ct) =>
            throw new HttpRequestException($"POST {url} failed", new IOException($"reset by {url.PathAndQuery}"));
        public string Redact(string text) => ChannelAddress.Redact(text, url);
    }

    private sealed class FailFirstRequests(int count) : HttpPipelineSynchronousPolicy
    {
        private int _left = count;
        public override void OnSendingRequest(HttpMessage message)
        {
            if (Interlocked.Decrement(ref _left) >= 0) throw new IOException("simulated network failure");
        }
    }

    private sealed class CapturingProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(category, lines);
        public void Dispose() { }

        private sealed class Logger(string category, List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => true;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format)
            {
                lock (lines) lines.Add($"{category}: {format(state, e)} {e}");
            }
        }
    }
}
