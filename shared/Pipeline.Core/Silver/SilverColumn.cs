using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Silver;

/// <summary>A silver column with where its values come from (for the data dictionary).</summary>
public sealed record SilverColumn(TableColumn Column, string Source)
{
    public string Name => Column.Name;
}
