using System.Globalization;
using ExcelDataReader;

namespace Pipeline.Core.Silver;

/// <summary>
/// The first sheet of an .xlsx read with ExcelDataReader, presented like a CSV: the first row is the header, cells
/// become invariant text. A cell formatted as a percentage holds a fraction (0.79 shows as 79 %), so it is read as
/// that percentage (79) — what the analyst sees is what is loaded.
/// </summary>
public sealed class XlsxRecordSource : IRecordSource
{
    private readonly IExcelDataReader _reader;
    private readonly Stream _buffer;
    private readonly string?[] _cells;

    private XlsxRecordSource(IExcelDataReader reader, Stream buffer, IReadOnlyList<string> header)
    {
        _reader = reader;
        _buffer = buffer;
        Header = header;
        _cells = new string?[header.Count];
    }

    public IReadOnlyList<string> Header { get; }
    public string Description => "xlsx (first sheet)";
    public long Line { get; private set; } = 1;
    public int FieldCount { get; private set; }
    public string? this[int i] => i < _cells.Length ? _cells[i] : null;
    public bool DecimalComma => false;

    public static async Task<XlsxRecordSource> OpenAsync(Stream content, string file, CancellationToken ct)
    {
        // The xlsx container is a zip: it needs a seekable stream. Spreadsheets from analysts are small.
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(buffer);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new SchemaDriftException(file, null, $"not a readable .xlsx workbook ({e.Message})");
        }
        if (!reader.Read())
            throw new SchemaDriftException(file, null, "the first sheet is empty (no header row)");
        var header = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++) header.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
        // Trailing empty header cells are formatting, not columns.
        while (header.Count > 0 && string.IsNullOrWhiteSpace(header[^1])) header.RemoveAt(header.Count - 1);
        return new XlsxRecordSource(reader, buffer, header);
    }

    public ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        while (_reader.Read())
        {
            Line++;
            var any = false;
            for (var i = 0; i < _cells.Length; i++)
            {
                _cells[i] = i < _reader.FieldCount ? Text(_reader.GetValue(i), _reader.GetNumberFormatString(i)) : null;
                any |= !string.IsNullOrWhiteSpace(_cells[i]);
            }
            FieldCount = _cells.Length;
            if (any) return ValueTask.FromResult(true); // blank rows in a sheet are layout, not records
        }
        return ValueTask.FromResult(false);
    }

    private static string? Text(object? value, string? format) => value switch
    {
        null => null,
        double d when format is not null && format.Contains('%') => (d * 100).ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _buffer.Dispose();
        return ValueTask.CompletedTask;
    }
}
