using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration.Triggers;

namespace Pipeline.Cli;

/// <summary>
/// <c>pipeline host</c>: the function app's triggers without the Functions host, for a laptop or a VM. The timer
/// follows <c>Pipeline:NightlySchedule</c> (UTC, like the deployed timer) and the blob triggers are a poll of the lake's
/// <c>landing/</c> and <c>raw/</c> zones every <c>Pipeline:PollInterval</c> (default 2 s); both call
/// <see cref="PipelineTriggers"/>, exactly as the functions do. Works on a local lake and on Blob Storage (Azurite).
/// Raw files already present at start are not re-processed (the nightly sweep catches any that silver lags behind);
/// uploads present at start are ingested (idempotent: raw is content-addressed).
/// </summary>
public sealed class LocalTriggerRunner(PipelineTriggers triggers, ILakeStore lake, IOptions<NightlyOptions> nightly, IConfiguration config,
    ILogger<LocalTriggerRunner> log, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public TimeSpan PollInterval => config.GetValue("Pipeline:PollInterval", TimeSpan.FromSeconds(2));

    /// <summary>Runs until <paramref name="ct"/> is cancelled (Ctrl+C), then returns normally.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try { await LoopAsync(ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var schedule = CronExpression.Parse(nightly.Value.NightlySchedule, CronFormat.IncludeSeconds);
        await foreach (var e in lake.ListAsync(LakeZones.Raw + "/", ct)) _seen.Add(e.Path.Value);
        // A host that was down at the nightly instant catches up once, as the Functions timer does with IsPastDue.
        if (await lake.ExistsAsync(NightlyRun.StatePath, ct)) await Fire(() => triggers.OnNightlyTimerAsync(isPastDue: true, ct));
        var next = schedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc);
        while (!ct.IsCancellationRequested)
        {
            if (next is { } due && _clock.GetUtcNow().UtcDateTime >= due)
            {
                await Fire(() => triggers.OnNightlyTimerAsync(isPastDue: false, ct));
                next = schedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc);
            }
            await PollAsync(LakeZones.Landing, triggers.OnUploadAsync, ct);
            await PollAsync(LakeZones.Raw, triggers.OnRawFileAsync, ct);
            await Task.Delay(PollInterval, _clock, ct);
        }
    }

    /// <summary>One sweep of a zone: each new file once; a failed attempt is retried on the next sweep (the attempt guard counts).</summary>
    public async Task PollAsync(string zone, Func<string, CancellationToken, Task> trigger, CancellationToken ct)
    {
        var fresh = new List<string>();
        await foreach (var e in lake.ListAsync(zone + "/", ct))
            if (_seen.Add(e.Path.Value)) fresh.Add(e.Path.Value);
        foreach (var path in fresh)
            if (!await Fire(() => trigger(path[(zone.Length + 1)..], ct)))
                _seen.Remove(path);
    }

    private async Task<bool> Fire(Func<Task> trigger)
    {
        try
        {
            await trigger();
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Trigger failed, tried again on the next sweep: {Error}", e.Message);
            return false;
        }
    }
}
