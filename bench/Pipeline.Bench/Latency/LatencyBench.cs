using System.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Bench.Inputs;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Functions;

namespace Pipeline.Bench.Latency;

/// <summary>
/// <c>latency [--runs 5] [--out FILE]</c> (needs <c>AZURITE_CONNECTION_STRING</c>: run it under scripts/with-azurite.sh):
/// upload → alert through the function app's blob trigger path on Azurite. The services are built as the function
/// app's <c>Program</c> builds them (<see cref="FunctionApp.AddFunctionApp"/>), and the functions are invoked as the
/// Event Grid blob trigger would: <c>OnUpload</c> for the blob put in <c>landing/</c>, then <c>OnRawFile</c> for every
/// blob that appeared in <c>raw/</c>. Event Grid's own delivery delay is not in the figure (no Event Grid here).
/// </summary>
/// <remarks>
/// Each run uses a fresh lake (its own container prefix) holding the ambitions and the 2022 JOB-monitor results of the
/// 55 real-size institutions; the timed step is the upload of the 2024 results (3,300 rows), whose new trajectory
/// statuses yield alerts; the figure is from the start of the upload to the first alert post arriving at the webhook.
/// </remarks>
public static class LatencyBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new BenchArgs(args, new HashSet<string> { "--runs", "--out" }, new HashSet<string>());
        var runs = (int)a.Get("--runs", 5);
        var connection = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (string.IsNullOrEmpty(connection))
        {
            Console.Error.WriteLine("AZURITE_CONNECTION_STRING is not set: run under scripts/with-azurite.sh.");
            return 2;
        }
        var inputs = Directory.CreateTempSubdirectory("pipeline-latency-").FullName;
        try
        {
            Uploads.Write(inputs, Institution.Generate(Institution.RealCount));
            await using var hook = await WebhookReceiver.StartAsync();
            var results = new List<Repetition>();
            for (var i = 1; i <= runs; i++)
            {
                var r = await RepeatAsync(connection, inputs, hook);
                Console.WriteLine($"run {i}: upload → alert {r.UploadToAlertMs:0} ms, last alert {r.UploadToLastAlertMs:0} ms (put {r.PutMs:0}, OnUpload {r.OnUploadMs:0}, OnRawFile {r.OnRawFileMs:0} ms; "
                    + $"{r.AlertsPosted} alerts posted)");
                results.Add(r);
            }
            var measured = results.Where(r => r.UploadToAlertMs is not null).Select(r => r.UploadToAlertMs!.Value).Order().ToList();
            var median = measured.Count == 0 ? (double?)null : measured[measured.Count / 2];
            var max = measured.Count == 0 ? (double?)null : measured[^1];
            await BenchReport.WriteAsync(a.Get("--out", BenchReport.DefaultPath("latency")), "latency", new
            {
                path = "landing/ blob put on Azurite → Functions.OnUpload → Functions.OnRawFile per new raw/ blob (as Event Grid would fire them) "
                    + "→ silver → gold → alerts → webhook post; Event Grid delivery itself not included",
                runs = results,
                upload_to_alert_ms = new { median, max, all_alerted = measured.Count == results.Count },
                target = new { max_ms = 10_000, met = measured.Count == results.Count && max <= 10_000 },
            });
            return measured.Count == results.Count ? 0 : 1;
        }
        finally
        {
            Directory.Delete(inputs, true);
        }
    }

    /// <summary>One timed upload: its steps, the first and last alert post after the upload started, and the stages of the runs it caused.</summary>
    public sealed record Repetition(double PutMs, double OnUploadMs, double OnRawFileMs, double? UploadToAlertMs, double? UploadToLastAlertMs,
        int RawBlobsFired, int AlertsPosted, IReadOnlyList<string> Stages);

    private static async Task<Repetition> RepeatAsync(string connection, string inputs, WebhookReceiver hook)
    {
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var config = new ConfigurationBuilder().AddPipelineDefaults().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Lake:Root"] = connection,
            ["Lake:ContainerPrefix"] = prefix,
            ["Pipeline:InstanceName"] = "bench-latency",
            ["Alerts:Webhook:Url"] = hook.Url,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddFunctionApp(config).BuildServiceProvider();
        var trigger = new TriggerPath(services.GetRequiredService<Pipeline.Functions.Functions>(), services.GetRequiredService<ILakeStore>(),
            new BlobServiceClient(connection, BlobLake.ClientOptions()), prefix);

        await trigger.UploadAsync("ambities/ambities.csv", Path.Combine(inputs, "ambities", "ambities.csv"));
        await trigger.UploadAsync("job/job-monitor-2022.csv", Path.Combine(inputs, "job", "job-monitor-2022.csv"));
        var before = hook.Count;

        var started = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var timing = await trigger.UploadAsync("job/job-monitor-2024.csv", Path.Combine(inputs, "job", "job-monitor-2024.csv"));
        var arrived = await hook.FirstAfterAsync(start, TimeSpan.FromSeconds(60));
        var last = hook.Last;
        return new Repetition(timing.PutMs, timing.OnUploadMs, timing.OnRawFileMs,
            arrived is { } t ? Stopwatch.GetElapsedTime(start, t).TotalMilliseconds : null,
            last >= start ? Stopwatch.GetElapsedTime(start, last).TotalMilliseconds : null,
            timing.RawBlobs, hook.Count - before, await StagesSinceAsync(services.GetRequiredService<ILakeStore>(), started));
    }

    /// <summary>The stages of the runs that started after <paramref name="since"/>, in order, with their durations (from the run manifests).</summary>
    private static async Task<List<string>> StagesSinceAsync(ILakeStore lake, DateTimeOffset since)
    {
        var runs = new List<RunManifest>();
        await foreach (var e in lake.ListAsync(LakeZones.Runs + "/"))
            if (await RunRecorder.ReadAsync(lake, e.Path) is { } m && m.Started >= since) runs.Add(m);
        return runs.OrderBy(r => r.Started)
            .SelectMany(r => r.Stages.Select(s => $"{r.Trigger}: {s.Stage} {s.Dataset} {s.Status} {s.DurationMs:0} ms"))
            .ToList();
    }
}
