using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pipeline.Core.Lake;

namespace Pipeline.Core.Orchestration.Triggers;

public sealed class AttemptOptions
{
    /// <summary>How often a blob-triggered file is tried before it goes to <c>quarantine/poison/</c> (<c>Pipeline:MaxAttempts</c>).</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long an upload trigger waits for the <c>bronze</c> lock a nightly fetch may hold (<c>Pipeline:TriggerLockWait</c>).
    /// With the publish lock's wait for a refused upload's notice (10 min) it stays below the host's <c>functionTimeout</c>
    /// (30 min), so the wait ends in our hands, not in a killed invocation.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:15:00")] public TimeSpan TriggerLockWait { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Counts the attempts at one lake file in <c>_state/attempts/</c>, in the lake itself, so the count holds whatever
/// retries the file (the Functions host's retries of an Event Grid blob trigger, the local runner, a second instance).
/// A failed attempt is rethrown so the host tries again; the last one hands the file to
/// <see cref="PipelineService.HandlePoisonAsync"/> (quarantine, one operator alert) and returns normally, so the host
/// stops retrying and other files go on.
/// </summary>
public sealed class AttemptGuard(PipelineService pipeline, IOptions<AttemptOptions> options, ILogger<AttemptGuard> log)
{
    public sealed record Attempts(string Path, int Count, string LastError);

    public static LakePath StatePath(string file) =>
        LakePath.Parse($"{LakeZones.State}/attempts/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file)))[..24]}.json");

    public async Task RunAsync(string file, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        var lake = pipeline.Lake;
        try
        {
            await work(ct);
        }
        catch (LakeLockTimeoutException busy)
        {
            // The lake was busy, the file is not at fault: no attempt counted. The host retries later, and an upload the
            // host gives up on is still in landing/, where the next refresh ingests it.
            log.LogWarning("{File} waited for lock '{Lock}' held by another run; not counted as an attempt, the host retries it",
                file, busy.LockName);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var previous = await lake.ReadJsonAsync<Attempts>(StatePath(file), ct: ct);
            var attempts = new Attempts(file, (previous?.Count ?? 0) + 1, e.Message);
            var max = options.Value.MaxAttempts;
            if (attempts.Count < max)
            {
                await lake.WriteJsonAsync(StatePath(file), attempts, ct: ct);
                log.LogWarning(e, "Attempt {Attempt} of {Max} at {File} failed; the host retries it", attempts.Count, max, file);
                throw;
            }
            log.LogError(e, "Attempt {Attempt} of {Max} at {File} failed; quarantining it", attempts.Count, max, file);
            await pipeline.HandlePoisonAsync(file, $"{attempts.Count} attempts failed, the last with: {e.Message}", ct);
            await lake.DeleteAsync(StatePath(file), ct);
            return;
        }
        if (await lake.ExistsAsync(StatePath(file), ct)) await lake.DeleteAsync(StatePath(file), ct);
    }
}
