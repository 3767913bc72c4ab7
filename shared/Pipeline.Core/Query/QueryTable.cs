using Pipeline.Core.Tables;
using Pipeline.Core.Gold;
using Pipeline.Core.Lake.Tables;
using Pipeline.Core.Silver;

namespace Pipeline.Core.Query;

/// <summary>A silver or gold table as <c>pipeline query</c> offers it: a view by its plain name.</summary>
/// <param name="HasDynamicColumns">CBS tables: one more column per dimension and measure of the CBS table.</param>
public sealed record QueryTable(TableDefinition Definition, string Description, bool HasDynamicColumns = false)
{
    public string Name => Definition.Name;

    /// <summary>Every silver table (from <see cref="SilverSchemas"/>), then every gold table (from <see cref="GoldTables"/>).</summary>
    public static IReadOnlyList<QueryTable> All =>
    [
        .. SilverSchemas.All.Select(s => new QueryTable(s.Table, s.Description, s.HasDynamicColumns)),
        .. GoldTables.All.Select(g => new QueryTable(g.Table, g.Description)),
    ];
}
