using Microsoft.Extensions.Configuration;
using Pipeline.Core.Datasets;

namespace Pipeline.Core.Sources;

/// <summary>
/// What to fetch, bound from the configuration section <c>Sources</c> (appsettings.json, overridable by environment
/// variables such as <c>Sources__Duo__BaseUrl</c>). <c>Sources:Duo:BaseUrl</c> and <c>Sources:Cbs:BaseUrl</c> are a
/// public contract: operators point them at mirrors.
/// </summary>
public sealed class SourceCatalog
{
    public const string Section = "Sources";

    public DuoSourceOptions Duo { get; set; } = new();
    public CbsSourceOptions Cbs { get; set; } = new();
    public UploadSourceOptions Uploads { get; set; } = new();
    public SourceHttpOptions Http { get; set; } = new();

    /// <summary>Binds <c>Sources</c>; datasets and tables fall back to the built-in list when none are configured.</summary>
    public static SourceCatalog From(IConfiguration config)
    {
        var catalog = config.GetSection(Section).Get<SourceCatalog>() ?? new SourceCatalog();
        if (catalog.Duo.Datasets.Count == 0)
            foreach (var (k, v) in DuoSourceOptions.Defaults()) catalog.Duo.Datasets[k] = v;
        if (catalog.Cbs.Tables.Count == 0)
            foreach (var (k, v) in CbsSourceOptions.Defaults()) catalog.Cbs.Tables[k] = v;
        catalog.Validate();
        return catalog;
    }

    public void Validate()
    {
        RequireUrl("Sources:Duo:BaseUrl", Duo.BaseUrl);
        RequireUrl("Sources:Cbs:BaseUrl", Cbs.BaseUrl);
        RequireUrl("Sources:Cbs:V4BaseUrl", Cbs.V4BaseUrl);
        foreach (var (name, d) in Duo.Datasets)
        {
            var declared = DatasetCatalog.Find("duo", name) ?? throw new InvalidOperationException(
                $"Sources:Duo:Datasets:{name} is not a declared DUO dataset; declared: {string.Join(", ", DatasetCatalog.OfBron("duo").Select(x => x.Dataset))}.");
            _ = d.Rules(declared);
        }
        foreach (var (name, t) in Cbs.Tables)
        {
            if (t.Protocol is not ("v3" or "v4"))
                throw new InvalidOperationException($"Sources:Cbs:Tables:{name}:Protocol must be 'v3' or 'v4', not '{t.Protocol}'.");
            _ = t.RowSelection(name);
        }
        if (Http.MaxBytes <= 0) throw new InvalidOperationException("Sources:Http:MaxBytes must be positive.");
    }

    private static void RequireUrl(string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttp && u.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"{key} must be an absolute http(s) URL, not '{value}'.");
    }
}

public sealed class DuoSourceOptions
{
    public const string DefaultBaseUrl = "https://onderwijsdata.duo.nl";
    public bool Enabled { get; set; } = true;
    public string BaseUrl { get; set; } = DefaultBaseUrl;
    /// <summary>CKAN package id → overrides of its declared resource rules (<see cref="DatasetCatalog"/>).</summary>
    public Dictionary<string, DuoDatasetOptions> Datasets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every declared DUO dataset with its declared rules.</summary>
    public static Dictionary<string, DuoDatasetOptions> Defaults() =>
        DatasetCatalog.OfBron("duo").ToDictionary(d => d.Dataset, _ => new DuoDatasetOptions(), StringComparer.Ordinal);
}

/// <summary>
/// Overrides of a declared dataset's resource rules. <c>ResourceName</c>, <c>Format</c> and <c>Position</c> at the
/// dataset level apply to its first table (the only one for most packages); <c>Tables:{table}:…</c> to any table.
/// Unset keys keep the declared rule.
/// </summary>
public sealed class DuoDatasetOptions
{
    /// <summary>Regular expression matched against the resource <c>name</c> (never the URL).</summary>
    public string? ResourceName { get; set; }
    /// <summary>The resource <c>format</c> required (case-insensitive); empty accepts any.</summary>
    public string? Format { get; set; }
    /// <summary>The resource's position in the package; -1 accepts any position.</summary>
    public int? Position { get; set; }
    /// <summary><c>url</c> (the resource's own URL) or <c>datastore-dump</c> (<c>{BaseUrl}/datastore/dump/{id}?format=csv</c>).</summary>
    public string Download { get; set; } = "url";
    public Dictionary<string, DuoResourceOptions> Tables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The effective rule of every table of <paramref name="dataset"/>; an invalid override is an error naming its key.</summary>
    public IReadOnlyList<(TableDeclaration Table, ResourceRule Rule)> Rules(DatasetDeclaration dataset)
    {
        foreach (var name in Tables.Keys.Where(k => dataset.Table(k) is null))
            throw new InvalidOperationException($"Sources:Duo:Datasets:{dataset.Dataset}:Tables:{name}: dataset '{dataset.Dataset}' has no table '{name}'; "
                + $"its tables: {string.Join(", ", dataset.Tables.Select(t => t.Name))}.");
        var rules = new List<(TableDeclaration, ResourceRule)>();
        for (var i = 0; i < dataset.Tables.Count; i++)
        {
            var table = dataset.Tables[i];
            var rule = table.Resources ?? throw new InvalidOperationException($"Table {table.Name} of {dataset.Label} declares no resource rule.");
            if (i == 0) rule = Apply(rule, ResourceName, Format, Position);
            if (Tables.GetValueOrDefault(table.Name) is { } t) rule = Apply(rule, t.ResourceName, t.Format, t.Position);
            try { _ = rule.Regex; }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"Sources:Duo:Datasets:{dataset.Dataset} (table {table.Name}): ResourceName '{rule.NamePattern}' is not a valid regular expression: {e.Message}");
            }
            rules.Add((table, rule));
        }
        return rules;
    }

    private static ResourceRule Apply(ResourceRule rule, string? name, string? format, int? position) => rule with
    {
        NamePattern = name ?? rule.NamePattern,
        Format = format ?? rule.Format,
        Position = position is null ? rule.Position : position < 0 ? null : position,
    };
}

/// <summary>Override of one table's resource rule: <c>Sources:Duo:Datasets:{id}:Tables:{table}:ResourceName|Format|Position</c>.</summary>
public sealed class DuoResourceOptions
{
    public string? ResourceName { get; set; }
    public string? Format { get; set; }
    public int? Position { get; set; }
}

public sealed class CbsSourceOptions
{
    public const string DefaultBaseUrl = "https://opendata.cbs.nl";
    public const string DefaultV4BaseUrl = "https://datasets.cbs.nl/odata/CBS";
    public bool Enabled { get; set; } = true;
    /// <summary>OData v3: <c>{BaseUrl}/ODataApi/odata/{table}</c> and <c>{BaseUrl}/ODataFeed/odata/{table}/TypedDataSet</c>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;
    /// <summary>OData v4 catalog root: <c>{V4BaseUrl}/{table}/Observations</c>.</summary>
    public string V4BaseUrl { get; set; } = DefaultV4BaseUrl;
    public Dictionary<string, CbsTableOptions> Tables { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Stop following next links after this many pages (a loop guard, not a limit on real tables).</summary>
    public int MaxPages { get; set; } = 10_000;

    /// <summary>Every declared CBS table (<see cref="DatasetCatalog"/>).</summary>
    public static Dictionary<string, CbsTableOptions> Defaults() =>
        DatasetCatalog.OfBron("cbs").ToDictionary(d => d.Dataset, _ => new CbsTableOptions(), StringComparer.Ordinal);

    /// <summary>
    /// The effective row selection of every CBS table an indicator reads, by table id: the declaration with this
    /// configuration's overrides. A declared table that is not configured keeps its declared selection.
    /// </summary>
    public IReadOnlyDictionary<string, CbsRowSelection> RowSelections()
    {
        var result = new Dictionary<string, CbsRowSelection>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in DatasetCatalog.OfBron("cbs"))
        {
            var configured = Tables.FirstOrDefault(kv => string.Equals(kv.Key, d.Dataset, StringComparison.OrdinalIgnoreCase));
            var selection = configured.Value is { } t ? t.RowSelection(configured.Key) : d.CbsRows;
            if (selection is not null) result[d.Dataset] = selection;
        }
        return result;
    }
}

public sealed class CbsTableOptions
{
    public string Protocol { get; set; } = "v3";
    /// <summary>
    /// Optional client-side row filter: dimension → accepted codes, compared after trimming (CBS pads codes with
    /// spaces, and with two <c>$filter</c> clauses on one dimension the server applies only the first).
    /// </summary>
    public Dictionary<string, string[]> Filter { get; set; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Overrides of the declared row selection (<see cref="DatasetDeclaration.CbsRows"/>): dimension key → code
    /// (<c>Sources:Cbs:Tables:85368NED:Rows:Onderwijssoort = A025290</c>). Unset dimensions keep the declared code.
    /// </summary>
    public Dictionary<string, string> Rows { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Override of the declared topic key the indicator reads (<c>Sources:Cbs:Tables:{table}:Topic</c>).</summary>
    public string? Topic { get; set; }

    /// <summary>The declared selection with these overrides; an override without a declaration or an empty code is an error naming its key.</summary>
    public CbsRowSelection? RowSelection(string table)
    {
        var key = $"{SourceCatalog.Section}:Cbs:Tables:{table}";
        var declared = DatasetCatalog.Find("cbs", table)?.CbsRows;
        if (declared is null)
        {
            if (Rows.Count > 0 || Topic is not null)
                throw new InvalidOperationException($"{key}:Rows/Topic: no indicator reads table {table}; " +
                    $"tables read by code: {string.Join(", ", DatasetCatalog.OfBron("cbs").Where(d => d.CbsRows is not null).Select(d => d.Dataset))}.");
            return null;
        }
        var codes = new Dictionary<string, string>(declared.Codes.ToDictionary(), StringComparer.OrdinalIgnoreCase);
        foreach (var (dimension, code) in Rows)
        {
            if (string.IsNullOrWhiteSpace(code))
                throw new InvalidOperationException($"{key}:Rows:{dimension} must be a CBS code (e.g. A025290), not empty.");
            codes[dimension] = code.Trim();
        }
        if (Topic is not null && string.IsNullOrWhiteSpace(Topic))
            throw new InvalidOperationException($"{key}:Topic must be a CBS topic key (e.g. {declared.Topic}), not empty.");
        return declared with { Codes = codes, Topic = Topic?.Trim() ?? declared.Topic };
    }
}

public sealed class UploadSourceOptions
{
    public bool Enabled { get; set; } = true;
}

/// <summary>Resilience and door limits for every source client (<c>Sources:Http</c>). Tests shorten the delays.</summary>
public sealed class SourceHttpOptions
{
    public int MaxRetryAttempts { get; set; } = 4;
    /// <summary>First back-off delay (exponential, with jitter) when the server gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>A Retry-After longer than this is capped: a nightly run must not sleep for hours.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>Reading a response body (after its headers) may take this long.</summary>
    public TimeSpan BodyTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Largest accepted file (or assembled CBS table) in bytes.</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;
    public string UserAgent { get; set; } = "werkagenda-mbo-pipeline/1.0";
}
