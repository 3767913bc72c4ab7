namespace Pipeline.Bench.Inputs;

/// <summary>
/// One resource of a DUO CKAN package: its real name, file name, header and row count (source-formats.md) and how
/// to write row <c>r</c> of it.
/// </summary>
public sealed record DuoResource(string Dataset, string Name, string FileName, IReadOnlyList<string> Header, long RealRows,
    Action<CsvFile, long, DuoRows> WriteRow)
{
    /// <summary>The real file size where source-formats.md gives one.</summary>
    public long? RealBytes { get; init; }

    /// <summary>Rows at a scale: one row per institution and year keeps that shape; detail files scale their row count.</summary>
    public bool PerInstitutionAndYear { get; init; }

    public long RowsAt(double scale, int institutions) =>
        PerInstitutionAndYear ? institutions * (long)DuoRows.Years.Count : Math.Max(1, (long)Math.Round(RealRows * scale));
}
