namespace Pipeline.Core.Lake.Tables;

/// <summary>
/// A lake table: zone, name, columns and (optionally) an int32 partition column. Partitioned tables live at
/// <c>{zone}/{name}/{partition}=VALUE/part-0.parquet</c> (Hive style, readable with DuckDB's
/// <c>hive_partitioning = true</c>); unpartitioned ones get one file per <see cref="TableFile"/> name under the folder.
/// As the Hive convention has it, the partition column is in the path only, never inside the files (Spark and
/// DataFusion misread or refuse a column that is in both): a reader of one file takes it from the path
/// (<see cref="PartitionOf"/>).
/// </summary>
public sealed record TableDefinition
{
    public TableDefinition(string zone, string name, IReadOnlyList<TableColumn> columns, string? partitionColumn = "jaar")
    {
        if (!LakeZones.All.Contains(zone)) throw new ArgumentException($"Unknown lake zone '{zone}'.", nameof(zone));
        Zone = zone;
        Name = name;
        Columns = columns;
        PartitionColumn = partitionColumn;
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Table '{name}' has column '{duplicate.Key}' twice.", nameof(columns));
        if (partitionColumn is not null)
        {
            var p = columns.FirstOrDefault(c => c.Name == partitionColumn)
                ?? throw new ArgumentException($"Table '{name}' has no partition column '{partitionColumn}'.", nameof(partitionColumn));
            if (p.Type != ColumnType.Int32 || p.Nullable)
                throw new ArgumentException($"Partition column '{partitionColumn}' of '{name}' must be a non-null int32.", nameof(partitionColumn));
        }
    }

    public string Zone { get; }
    public string Name { get; }
    public IReadOnlyList<TableColumn> Columns { get; }
    public string? PartitionColumn { get; }

    /// <summary>The columns stored inside each Parquet file: all but the partition column.</summary>
    public IReadOnlyList<TableColumn> FileColumns => Columns.Where(c => c.Name != PartitionColumn).ToList();

    /// <summary><c>{zone}/{name}/</c>: the prefix every file of the table starts with.</summary>
    public string Folder => $"{Zone}/{Name}/";

    /// <summary>The glob analysts pass to DuckDB, relative to the lake root.</summary>
    public string Glob => $"{Zone}/{Name}/**/*.parquet";

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"Table '{Name}' has no column '{column}'.", nameof(column));
    }

    public LakePath PartitionFile(int value) =>
        PartitionColumn is null
            ? throw new InvalidOperationException($"Table '{Name}' is not partitioned.")
            : LakePath.Parse($"{Zone}/{Name}/{PartitionColumn}={value}/part-0.parquet");

    /// <summary>The file of an unpartitioned table (or of a named slice of it, such as one raw file's rejects).</summary>
    public LakePath TableFile(string fileName) => LakePath.Parse($"{Zone}/{Name}/{fileName}.parquet");

    /// <summary>Reads the partition value back from a file name such as <c>silver/t/jaar=2023/part-0.parquet</c>.</summary>
    public int? PartitionOf(LakePath file)
    {
        if (PartitionColumn is null) return null;
        var marker = "/" + PartitionColumn + "=";
        var v = file.Value;
        var i = v.IndexOf(marker, StringComparison.Ordinal);
        if (i < 0) return null;
        var start = i + marker.Length;
        var end = v.IndexOf('/', start);
        return int.TryParse(end < 0 ? v[start..] : v[start..end], out var n) ? n : null;
    }
}
