using Microsoft.Extensions.Logging;
using Pipeline.Core.Lake;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Runs;

[TestClass]
public sealed class RunRecorderTests
{
    /// <summary>Records each log line with the scope properties in force when it was written.</summary>
    private sealed class ScopeCapturingLogger : ILogger
    {
        private readonly AsyncLocal<ImmutableStack> _scopes = new();
        public List<(string Message, Dictionary<string, object?> Scope)> Lines { get; } = [];

        private sealed record ImmutableStack(IReadOnlyDictionary<string, object?> Top, ImmutableStack? Rest);

        public IDisposable BeginScope<TState>(TState state) where TState : notnull
        {
            var previous = _scopes.Value;
            var dict = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            _scopes.Value = new ImmutableStack(dict.ToDictionary(kv => kv.Key, kv => kv.Value), previous);
            return new Pop(() => _scopes.Value = previous!);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var merged = new Dictionary<string, object?>();
            for (var s = _scopes.Value; s is not null; s = s.Rest)
                foreach (var (k, v) in s.Top) merged.TryAdd(k, v);
            lock (Lines) Lines.Add((formatter(state, exception), merged));
        }

        private sealed class Pop(Action pop) : IDisposable { public void Dispose() => pop(); }
    }

    [TestMethod]
    public async Task Every_log_line_inside_a_stage_carries_run_id_stage_and_dataset()
    {
        using var dir = new TempDirectory();
        var log = new ScopeCapturingLogger();
        var run = new RunRecorder(new FileSystemLake(dir.Path), "test", log: log);

        await run.StageAsync("silver", "mbo-studenten-per-instelling", () =>
        {
            log.LogInformation("inside the stage");
            return Task.FromResult(new StageRecord { Stage = "", Status = StageStatuses.Succeeded, Started = default, Rows = 300 });
        });

        foreach (var message in new[] { "inside the stage", "Stage silver mbo-studenten-per-instelling: succeeded (300 rows" })
        {
            var line = log.Lines.Single(l => l.Message.StartsWith(message, StringComparison.Ordinal));
            Assert.AreEqual(run.RunId, line.Scope["run_id"]);
            Assert.AreEqual("silver", line.Scope["stage"]);
            Assert.AreEqual("mbo-studenten-per-instelling", line.Scope["dataset"]);
        }
    }

    [TestMethod]
    public async Task A_stage_that_throws_becomes_a_failed_stage_and_the_run_is_still_recorded()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var run = new RunRecorder(lake, "test");

        var stage = await run.StageAsync("gold", null, () => throw new InvalidDataException("kapotte invoer"));
        var manifest = await run.CompleteAsync();

        Assert.AreEqual(StageStatuses.Failed, stage.Status);
        CollectionAssert.AreEqual(new[] { "kapotte invoer" }, stage.Errors.ToList());
        Assert.AreEqual(RunOutcomes.Failed, manifest.Outcome);
        Assert.AreEqual(RunOutcomes.Failed, (await RunRecorder.ReadAsync(lake, RunRecorder.PathFor(run.RunId)))!.Outcome);
    }

    [TestMethod]
    public async Task Every_stage_in_the_manifest_carries_the_peak_working_set_while_it_ran()
    {
        using var dir = new TempDirectory();
        var lake = new FileSystemLake(dir.Path);
        var run = new RunRecorder(lake, "test");
        const int HeldMB = 64;

        await run.StageAsync("silver", "gediplomeerde-mbo-studenten", async () =>
        {
            // Touch every page so the memory is in the working set, and hold it past a few samples.
            var held = GC.AllocateUninitializedArray<byte>(HeldMB << 20);
            Array.Fill(held, (byte)1);
            await Task.Delay(200);
            GC.KeepAlive(held);
            return new StageRecord { Stage = "", Status = StageStatuses.Succeeded, Started = default };
        });
        await run.StageAsync("gold", null, () => throw new InvalidDataException("kapotte invoer"));
        await run.CompleteAsync();

        var stages = (await RunRecorder.ReadAsync(lake, RunRecorder.PathFor(run.RunId)))!.Stages;
        var silver = stages.Single(s => s.Stage == "silver").PeakWorkingSetMB;
        Assert.IsNotNull(silver);
        Assert.IsGreaterThanOrEqualTo(HeldMB * 1.048576, silver.Value, "the 64 MiB the stage held count towards its peak");
        Assert.IsNotNull(stages.Single(s => s.Stage == "gold").PeakWorkingSetMB, "a stage that threw is measured too");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(dir.Path, RunRecorder.PathFor(run.RunId).Value)), "\"peak_working_set_mb\"");
    }
}
