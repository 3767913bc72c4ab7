using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Alerts;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Raw;
using Pipeline.Core.Runs;
using Pipeline.Tests.Infrastructure;

namespace Pipeline.Tests.Orchestration;

/// <summary>A clock the test moves by hand (nights pass in a line of code).</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A real lake in a temp directory, filled the production way: the DI composition of the function app and the
/// command line, running <c>PipelineService.RefreshAsync</c> on the bundled samples or against a closed port.
/// </summary>
public sealed class OrchestrationLake : IDisposable
{
    private readonly TempDirectory _dir = new();

    public OrchestrationLake() => Lake = new FileSystemLake(_dir.Path);

    public string Root => _dir.Path;
    public FileSystemLake Lake { get; }
    public static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    /// <summary>DUO and CBS on a port nobody listens on, with retries short enough for a test.</summary>
    public static Dictionary<string, string?> Offline => new()
    {
        ["Sources:Duo:BaseUrl"] = "http://127.0.0.1:1",
        ["Sources:Cbs:BaseUrl"] = "http://127.0.0.1:1",
        ["Sources:Cbs:V4BaseUrl"] = "http://127.0.0.1:1/odata/CBS",
        ["Sources:Http:MaxRetryAttempts"] = "1",
        ["Sources:Http:RetryBaseDelay"] = "00:00:00.010",
        ["Sources:Http:AttemptTimeout"] = "00:00:02",
        ["Sources:Http:TotalTimeout"] = "00:00:10",
        ["Sources:Http:CircuitBreakerMinimumThroughput"] = "1000",
    };

    /// <summary>Operator alerts by e-mail to a real SMTP server on loopback.</summary>
    public static Dictionary<string, string?> Operators(AiosmtpdServer smtp) => new()
    {
        ["Alerts:Smtp:Host"] = smtp.Host,
        ["Alerts:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Alerts:Smtp:Security"] = "None",
        ["Alerts:Smtp:From"] = "pipeline@example.org",
        ["Alerts:Operators:To"] = "beheer@example.org",
    };

    public IConfiguration Config(params IDictionary<string, string?>[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Lake:Root"] = Root };
        foreach (var e in extra)
            foreach (var (k, v) in e) settings[k] = v;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>One refresh in its own service provider, like one <c>pipeline refresh</c>.</summary>
    public async Task<RunManifest> RefreshAsync(bool samples = true, TimeProvider? clock = null, params IDictionary<string, string?>[] extra)
    {
        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddPipeline(Config(extra), samples ? Samples : null);
        if (clock is not null) services.AddSingleton(clock);
        await using var sp = services.BuildServiceProvider();
        return await sp.GetRequiredService<PipelineService>().RefreshAsync(samples ? "test (sample)" : "test");
    }

    public Task<CurrentPointer?> PointerAsync(string bron, string dataset) => CurrentPointer.ReadAsync(Lake, bron, dataset);

    public Task<AlertState> AlertStateAsync() => AlertState.LoadAsync(Lake, CancellationToken.None);

    public void Dispose() => _dir.Dispose();
}
