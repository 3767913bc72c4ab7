using Pipeline.Core.Silver;

namespace Pipeline.Core.Datasets;

/// <summary>
/// Which rows and which topic of a CBS table an indicator reads: one code per dimension (CBS keys such as
/// <c>Onderwijssoort</c>, codes compared trimmed) and the topic key (<c>VoortijdigeSchoolverlaters_2</c>). Declared in
/// <see cref="DatasetCatalog"/>, overridable per code with <c>Sources:Cbs:Tables:{table}:Rows:{dimensie}</c> and
/// <c>Sources:Cbs:Tables:{table}:Topic</c>. Rows are never guessed from titles.
/// </summary>
public sealed record CbsRowSelection
{
    public required string Indicator { get; init; }
    /// <summary>The CBS topic key (DataProperties <c>Key</c>), read from its silver column.</summary>
    public required string Topic { get; init; }
    /// <summary>CBS dimension key → code of the row to take; every dimension of the table needs one.</summary>
    public required IReadOnlyDictionary<string, string> Codes { get; init; }

    public string TopicColumn => CbsNormaliser.SnakeCase(Topic);

    /// <summary>The silver column of a dimension key (<c>Onderwijssoort</c> → <c>onderwijssoort</c>).</summary>
    public static string Column(string dimension) => CbsNormaliser.SnakeCase(dimension);

    /// <summary>"Onderwijssoort=A025290, Geslacht=T001038": the selection as an operator configures it.</summary>
    public string Describe() => string.Join(", ", Codes.Select(kv => $"{kv.Key}={kv.Value}"));
}
