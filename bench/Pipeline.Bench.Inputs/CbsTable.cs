namespace Pipeline.Bench.Inputs;

/// <summary>
/// A CBS StatLine table in the OData v3 shape: dimensions with their code lists (codes padded with CBS's trailing
/// spaces where the real ones are), a time dimension and topics. The rows are every combination of the codes.
/// </summary>
public sealed record CbsTable(string Id, string Title, IReadOnlyList<CbsDimension> Dimensions, IReadOnlyList<CbsTopic> Topics)
{
    public long Rows => Dimensions.Aggregate(1L, (n, d) => n * d.Codes.Count);
}

/// <summary>A dimension and its code list; <c>Type</c> is <c>Dimension</c>, <c>TimeDimension</c> or <c>GeoDimension</c>.</summary>
public sealed record CbsDimension(string Key, string Type, IReadOnlyList<(string Key, string Title)> Codes);

/// <summary>A topic column of <c>TypedDataSet</c>: key (e.g. <c>VoortijdigeSchoolverlaters_2</c>), title, datatype and unit.</summary>
public sealed record CbsTopic(string Key, string Title, string Datatype, string Unit);
