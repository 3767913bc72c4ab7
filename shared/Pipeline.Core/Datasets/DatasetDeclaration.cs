using Pipeline.Core.Sources.Uploads;

namespace Pipeline.Core.Datasets;

/// <summary>
/// Everything the pipeline knows about one source dataset, in one place: where it comes from (bron, id, upload
/// folder), which resources are taken, and the silver tables built from them with their headers and row mappings.
/// Every stage looks a dataset up in <see cref="DatasetCatalog"/> instead of keeping its own list.
/// </summary>
public sealed record DatasetDeclaration
{
    public required string Bron { get; init; }
    /// <summary>The source's id: CKAN package, CBS table, or upload dataset; the raw folder <c>raw/{bron}/{dataset}/</c>.</summary>
    public required string Dataset { get; init; }
    /// <summary>The silver tables built from this dataset (none for a dataset read directly by a later stage).</summary>
    public IReadOnlyList<TableDeclaration> Tables { get; init; } = [];
    /// <summary>For files without an API: the landing folder they are uploaded to.</summary>
    public UploadFolder? Upload { get; init; }
    /// <summary>For a CBS table an indicator reads: the rows (one code per dimension) and the topic it takes.</summary>
    public CbsRowSelection? CbsRows { get; init; }

    public string Label => $"{Bron}/{Dataset}";

    /// <summary>The table a raw file belongs to when the dataset has one table; null when it has several or none.</summary>
    public TableDeclaration? SingleTable => Tables.Count == 1 ? Tables[0] : null;

    public TableDeclaration? Table(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
