using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.Core.Lake;
using Pipeline.Core.Orchestration;
using Pipeline.Core.Raw;
using Pipeline.Core.Sources;
using Pipeline.Core.Sources.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Pipeline.Tests.Sources;

/// <summary>
/// A real HTTP server on loopback (WireMock.Net), a FileSystemLake in a temp directory and the bronze services wired
/// the production way, with short delays so retries and timeouts run fast.
/// </summary>
public sealed class BronzeHarness : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();
    public string LakeDir { get; } = Path.Combine(Path.GetTempPath(), "bronze-tests-" + Guid.NewGuid().ToString("N"));
    public FileSystemLake Lake { get; }
    public string Url => Server.Url!;
    public static string Samples => Path.Combine(AppContext.BaseDirectory, "samples");

    private readonly List<ServiceProvider> _providers = [];

    public BronzeHarness() => Lake = new FileSystemLake(LakeDir);

    /// <summary>Settings for the services: both sources on this server, fast resilience; <paramref name="extra"/> wins.</summary>
    public ServiceProvider Services(IDictionary<string, string?>? extra = null, string? samples = null, bool onlyDuo = false, bool onlyCbs = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Duo:BaseUrl"] = Url,
            ["Sources:Cbs:BaseUrl"] = Url,
            ["Sources:Cbs:V4BaseUrl"] = Url + "/odata/CBS",
            ["Sources:Duo:Enabled"] = (!onlyCbs).ToString(),
            ["Sources:Cbs:Enabled"] = (!onlyDuo).ToString(),
            ["Sources:Http:MaxRetryAttempts"] = "3",
            ["Sources:Http:RetryBaseDelay"] = "00:00:00.010",
            ["Sources:Http:AttemptTimeout"] = "00:00:02",
            ["Sources:Http:TotalTimeout"] = "00:00:20",
            ["Sources:Http:CircuitBreakerMinimumThroughput"] = "1000",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var sp = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddPipeline(config, samples)
            .AddSingleton<ILakeStore>(Lake)
            .BuildServiceProvider();
        _providers.Add(sp);
        return sp;
    }

    public BronzeService Bronze(IDictionary<string, string?>? extra = null, bool onlyDuo = false, bool onlyCbs = false) =>
        Services(extra, onlyDuo: onlyDuo, onlyCbs: onlyCbs).GetRequiredService<BronzeService>();

    /// <summary>A CKAN package with the given resources (name, format, id; position = order) whose CSVs are served by this server.</summary>
    public void StubPackage(string dataset, string notes, params (string Name, string Format, string Id)[] resources)
    {
        var res = string.Join(",", resources.Select(r =>
            $$"""{"id":"{{r.Id}}","name":"{{r.Name}}","format":"{{r.Format}}","url":"{{Url}}/datastore/dump/{{r.Id}}?format=csv","last_modified":"2026-03-15T09:12:40.000001"}"""));
        Server.Given(Request.Create().WithPath("/api/3/action/package_show").WithParam("id", dataset).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"success":true,"result":{"name":"{{dataset}}","notes":"{{notes}}","resources":[""" + res + "]}}"));
    }

    public void StubCsv(string resourceId, byte[] body, string contentType = "text/csv")
    {
        Server.Given(Request.Create().WithPath($"/datastore/dump/{resourceId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));
    }

    /// <summary>
    /// Serves the sample snapshots (DUO and CBS) the way the real servers would, with links pointing here: every DUO
    /// resource at the download link its listing gives, from <c>samples/duo/{dataset}/{file}</c>.
    /// </summary>
    public void ServeSamples()
    {
        foreach (var pkg in Directory.EnumerateFiles(Path.Combine(Samples, "duo"), "*.package_show.json"))
        {
            var dataset = Path.GetFileName(pkg)[..^".package_show.json".Length];
            var json = File.ReadAllText(pkg).Replace("https://onderwijsdata.duo.nl", Url);
            Server.Given(Request.Create().WithPath("/api/3/action/package_show").WithParam("id", dataset).UsingGet())
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(json));
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            foreach (var r in doc.RootElement.GetProperty("result").GetProperty("resources").EnumerateArray())
            {
                var url = new Uri(r.GetProperty("url").GetString()!);
                Server.Given(Request.Create().WithPath(url.AbsolutePath).UsingGet())
                    .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/csv")
                        .WithBody(File.ReadAllBytes(Path.Combine(Samples, "duo", dataset, Uri.UnescapeDataString(url.Segments[^1])))));
            }
        }
        foreach (var tableDir in Directory.EnumerateDirectories(Path.Combine(Samples, "cbs")))
            ServeCbsTable(Path.GetFileName(tableDir));
    }

    public void ServeCbsTable(string table)
    {
        var dir = Path.Combine(Samples, "cbs", table);
        string Body(string file) => File.ReadAllText(Path.Combine(dir, file)).Replace("https://opendata.cbs.nl", Url);
        Json($"/ODataApi/odata/{table}", Body("ODataApi.json"));
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Select(Path.GetFileName).Cast<string>())
        {
            if (file == "ODataApi.json") continue;
            if (file.StartsWith("TypedDataSet", StringComparison.Ordinal))
            {
                var parts = file.Split('.');
                var req = Request.Create().WithPath($"/ODataFeed/odata/{table}/TypedDataSet").UsingGet();
                if (parts.Length == 3) req = req.WithParam("$skip", parts[1]["skip".Length..]);
                else req = req.WithParam("$skip", WireMock.Matchers.MatchBehaviour.RejectOnMatch);
                Server.Given(req).RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(Body(file)));
            }
            else Json($"/ODataApi/odata/{table}/{file[..^5]}", Body(file));
        }
    }

    public void Json(string path, string body) =>
        Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    public async Task<List<string>> FilesAsync(string prefix)
    {
        var list = new List<string>();
        await foreach (var e in Lake.ListAsync(prefix)) list.Add(e.Path.Value);
        return list;
    }

    public async Task<string> ReadTextAsync(string path)
    {
        await using var s = await Lake.OpenReadAsync(LakePath.Parse(path));
        using var r = new StreamReader(s, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return await r.ReadToEndAsync();
    }

    public async Task<byte[]> ReadBytesAsync(string path)
    {
        await using var s = await Lake.OpenReadAsync(LakePath.Parse(path));
        using var ms = new MemoryStream();
        await s.CopyToAsync(ms);
        return ms.ToArray();
    }

    public Task<CurrentPointer?> CurrentAsync(string bron, string dataset) => CurrentPointer.ReadAsync(Lake, bron, dataset);

    public void Dispose()
    {
        foreach (var p in _providers) p.Dispose();
        Server.Stop();
        Server.Dispose();
        try { Directory.Delete(LakeDir, recursive: true); } catch (IOException) { /* best effort in temp */ }
    }

    public static RetryJournal Journal(ServiceProvider sp) => sp.GetRequiredService<RetryJournal>();
}
