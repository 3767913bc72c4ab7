using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pipeline.Cli.Progress;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake;
using Pipeline.Core.Observability;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Runs;

namespace Pipeline.Cli;

/// <summary>The <c>pipeline</c> command: the verbs call the same Core services the triggers call.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => BuildCommand().Parse(args).InvokeAsync();

    public static RootCommand BuildCommand()
    {
        var lake = new Option<string?>("--lake") { Description = "Lake root: a directory (default ./lake) or a storage connection string. Overrides Lake:Root." };

        var sample = new Option<bool>("--sample") { Description = "Fetch from the bundled sample snapshots (samples/) instead of DUO and CBS, through the same clients and checks." };
        var ambitions = new Option<FileInfo?>("--ambitions") { Description = "An ambitions CSV (instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie) to validate and put in force." };
        var refresh = new Command("refresh", "Run the nightly refresh once, without the host: fetch, normalise, compute, alert.") { lake, sample, ambitions };
        refresh.SetAction(async (r, ct) =>
        {
            var ambitionsFile = r.GetValue(ambitions);
            if (ambitionsFile is { Exists: false })
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"--ambitions: file not found: {ambitionsFile.FullName}");
                return 2;
            }
            var config = Configuration(r.GetValue(lake));
            var samples = r.GetValue(sample) ? Path.Combine(AppContext.BaseDirectory, "samples") : null;
            var output = r.InvocationConfiguration.Output;
            // On a terminal one status line updated in place; otherwise (CI, a file, the tests) plain timestamped lines.
            var statusLine = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? StatusLine.ForConsole() : null;
            using var services = Services(config, samples, statusLine ?? (IRunProgress)new PlainProgress(output), statusLine);
            AmbitionsInput? input = null;
            if (ambitionsFile is not null)
            {
                // Streamed up to the size an ambitions file may have; a larger one goes to quarantine, the run does not start.
                await using var stream = ambitionsFile.OpenRead();
                var read = await AmbitionsFile.ReadAsync(services.GetRequiredService<ILakeStore>(), ambitionsFile.Name, stream, ct);
                if (read.Input is null)
                {
                    await r.InvocationConfiguration.Error.WriteLineAsync(
                        $"--ambitions: {ambitionsFile.Name} rejected: {read.Problem}. Kept in {read.Quarantined}; the ambitions in force stay in force.");
                    return 1;
                }
                input = read.Input;
            }
            RunManifest manifest;
            try
            {
                manifest = await services.GetRequiredService<PipelineService>()
                    .RefreshAsync(samples is null ? "command line" : "command line (sample)", input, ct: ct);
            }
            finally
            {
                statusLine?.Clear();
            }
            PrintRun(output, manifest, services.GetRequiredService<ILakeStore>());
            return manifest.Outcome == RunOutcomes.Failed ? 1 : 0;
        });

        var host = new Command("host",
            "Run the triggers locally (no Functions host needed): the nightly timer on Pipeline:NightlySchedule and the " +
            "raw/ and landing/ blob triggers, polled every Pipeline:PollInterval, calling what the function app calls.") { lake };
        host.SetAction(async (r, ct) =>
        {
            var config = Configuration(r.GetValue(lake));
            await using var services = new ServiceCollection()
                .AddLogging(l => l.AddSimpleConsole(o => { o.SingleLine = true; o.IncludeScopes = true; o.TimestampFormat = "HH:mm:ss "; })
                    .AddConfiguration(config.GetSection("Logging")))
                .AddPipelineTelemetry(config)
                .AddPipeline(config)
                .AddPipelineTriggers(config)
                .AddSingleton<LocalTriggerRunner>()
                .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            // Bad Pipeline:* settings (time zone, attempts) stop the start here, naming the key, as in the function app.
            await services.GetRequiredService<Microsoft.Extensions.Options.IAsyncStartupValidator>().ValidateAsync(ct);
            var runner = services.GetRequiredService<LocalTriggerRunner>();
            await r.InvocationConfiguration.Output.WriteLineAsync($"pipeline host: watching {services.GetRequiredService<ILakeStore>().Location} (Ctrl+C stops).");
            await runner.RunAsync(ct);
            return 0;
        });

        var json = new Option<bool>("--json") { Description = "Print the report as JSON (snake_case) instead of text." };
        var status = new Command("status",
            "Show per dataset the current raw file, its retrieval date and freshness, the silver table it feeds, gold freshness, " +
            "the last run and the alerts pending in the outbox. Exit code 0 when all is well; 1 when the last run failed, a dataset " +
            "is stale (Pipeline:Freshness:MaxAge) or failing (Pipeline:Freshness:MaxConsecutiveFailures), silver lags raw or gold lags silver.")
            { lake, json };
        status.SetAction(async (r, ct) =>
        {
            var config = Configuration(r.GetValue(lake));
            var report = await new StatusReportBuilder(config.CreateLake(), FreshnessOptions.FromConfiguration(config)).BuildAsync(ct);
            await r.InvocationConfiguration.Output.WriteAsync(r.GetValue(json) ? StatusRenderer.ToJson(report) : StatusRenderer.ToText(report));
            return report.ExitCode;
        });

        var reportOut = new Option<DirectoryInfo>("--out")
        {
            Description = "The directory to write the report to (index.html and instelling/{instellingscode}.html); created if needed.",
            Required = true,
        };
        var report = new Command("report",
            "Write the HTML report for directie mbo from the gold tables: per indicator the institutions op koers, risico, uit koers " +
            "or with onvoldoende data, the newest alerts, data freshness, and per institution a trajectory chart per indicator. " +
            "The same report is written to the lake's reports/ after every gold run.") { lake, reportOut };
        report.SetAction(async (r, ct) =>
        {
            var config = Configuration(r.GetValue(lake));
            var store = config.CreateLake();
            var dir = r.GetValue(reportOut)!;
            var files = await new Pipeline.Core.Report.ReportPublisher(store, FreshnessOptions.FromConfiguration(config))
                .WriteToDirectoryAsync(dir.FullName, ct);
            await r.InvocationConfiguration.Output.WriteLineAsync(
                $"Report written: {files.Count} pages in {dir.FullName} (open {Path.Combine(dir.FullName, Pipeline.Core.Report.ReportRenderer.IndexFile)}; lake: {store.Location}).");
            return 0;
        });

        var docsFile = new Option<string>("--file") { Description = "The lake document to update.", DefaultValueFactory = _ => Path.Combine("docs", "lake.md") };
        var docs = new Command("docs", "Regenerate the silver data dictionary in docs/lake.md from the schema definitions.") { docsFile };
        docs.SetAction(r =>
        {
            var file = r.GetValue(docsFile)!;
            var before = File.Exists(file) ? File.ReadAllText(file) : "# The lake\n";
            var after = Pipeline.Core.Silver.DataDictionary.Apply(before);
            File.WriteAllText(file, after);
            r.InvocationConfiguration.Output.WriteLine(before == after ? $"{file} is up to date." : $"Updated the silver section of {file}.");
            return 0;
        });

        return new RootCommand("Werkagenda mbo monitoring pipeline: DUO, CBS and JOB-monitor into a Parquet lake, trajectories and alerts.")
        {
            refresh, host, status, report, docs, QueryCommand.Create(lake),
        };
    }

    /// <summary>appsettings.json beside the program, then environment variables (the .NET way), then --lake.</summary>
    public static IConfiguration Configuration(string? lakeOverride, IDictionary<string, string?>? extra = null)
    {
        var b = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: false)
            .AddEnvironmentVariables();
        if (extra is not null) b.AddInMemoryCollection(extra);
        if (!string.IsNullOrWhiteSpace(lakeOverride)) b.AddInMemoryCollection(new Dictionary<string, string?> { ["Lake:Root"] = lakeOverride });
        return b.Build();
    }

    /// <param name="progress">Where the run reports its stages, bytes and rows (nothing when null).</param>
    /// <param name="statusLine">The terminal's status line: log messages are then printed through it, not over it.</param>
    public static ServiceProvider Services(IConfiguration config, string? samplesDirectory = null, IRunProgress? progress = null,
        StatusLine? statusLine = null)
    {
        var services = new ServiceCollection()
            .AddLogging(l =>
            {
                if (statusLine is null) l.AddSimpleConsole(o => o.SingleLine = true);
                else l.AddProvider(new StatusLineLoggerProvider(statusLine));
                l.SetMinimumLevel(LogLevel.Warning);
            });
        if (progress is not null) services.AddSingleton(progress);
        return services.AddPipeline(config, samplesDirectory).BuildServiceProvider();
    }

    private static void PrintRun(TextWriter output, RunManifest m, ILakeStore store)
    {
        output.WriteLine($"Run {m.RunId}: {m.Outcome} (lake: {store.Location})");
        var bronze = m.Stages.Where(s => s.Stage == "bronze").ToList();
        if (bronze.Count > 0)
            output.WriteLine($"  sources: {bronze.Count(s => s.Status == StageStatuses.Succeeded)} fetched, " +
                              $"{bronze.Count(s => s.Status == StageStatuses.Unchanged)} unchanged, {bronze.Count(s => s.Status == StageStatuses.Failed)} failed");
        foreach (var s in m.Stages)
            output.WriteLine($"  {s.Stage,-8} {s.Dataset ?? "",-30} {s.Status,-16} {s.Message ?? string.Join("; ", s.Errors)}");
    }
}
