using Pipeline.Core.Silver;

namespace Pipeline.Core.Datasets;

/// <summary>Binds a source header to a row mapping (validating the header first; throws <see cref="SchemaDriftException"/>).</summary>
public delegate RowMapper RowMapperFactory(RowContext context);

/// <summary>What a row mapping knows about the file it reads.</summary>
/// <param name="File">Names the file in errors (raw path, or the resource name at the door).</param>
/// <param name="ProvisionalYear">The year DUO announces as provisional, from the sidecar.</param>
/// <param name="ResourceYear">For per-year resources: the year from the resource name (the only year some shapes have).</param>
public sealed record RowContext(string File, IReadOnlyList<string> Header, int? ProvisionalYear = null, int? ResourceYear = null);

/// <summary>
/// One silver table of a dataset: its schema (header, columns, key), the row mapping, and for CKAN sources the rule
/// that selects the resources it is built from.
/// </summary>
public sealed record TableDeclaration
{
    public required DatasetSchema Schema { get; init; }
    /// <summary>Null for sources that are not read as a table of records (CBS JSON).</summary>
    public RowMapperFactory? Bind { get; init; }
    /// <summary>Null for sources without resources (CBS tables, uploads).</summary>
    public ResourceRule? Resources { get; init; }
    /// <summary>The shape has no year column: the year comes from the resource name (requires a per-year rule).</summary>
    public bool YearFromResourceName { get; init; }

    public string Name => Schema.TableName;
}
