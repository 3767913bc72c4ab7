using Pipeline.Core.Lake;
using System.Globalization;
using ExcelDataReader;

namespace Pipeline.Core.Silver;

/// <summary>
/// The first sheet of an .xlsx read with ExcelDataReader, presented like a CSV: the first row is the header, cells
/// become invariant text. A cell formatted as a percentage holds a fraction (0.79 shows as 79 %), so it is read as
/// that percentage (79) — what the analyst sees is what is loaded. The workbook is checked against
/// <see cref="XlsxLimits"/> before it is opened; data on any other sheet is an error, never silently dropped.
/// </summary>
public sealed class XlsxRecordSource : IRecordSource
{
    private readonly IExcelDataReader _reader;
    private readonly Stream _buffer;
    private readonly string?[] _cells;
    private readonly string _file;

    private XlsxRecordSource(IExcelDataReader reader, Stream buffer, IReadOnlyList<string> header, string file)
    {
        _reader = reader;
        _buffer = buffer;
        _file = file;
        Header = header;
        _cells = new string?[header.Count];
    }

    public IReadOnlyList<string> Header { get; }
    public string Description => "xlsx (first sheet)";
    public long Line { get; private set; } = 1;
    public int FieldCount { get; private set; }
    public string? this[int i] => i < _cells.Length ? _cells[i] : null;
    public ReadOnlySpan<char> Span(int i) => this[i].AsSpan();
    public bool DecimalComma => false;

    public static async Task<XlsxRecordSource> OpenAsync(Stream content, string file, CancellationToken ct)
    {
        // The xlsx container is a zip: it needs a seekable stream; an unseekable one is spooled to a temp file, not memory.
        var buffer = content.CanSeek ? new NonClosingStream(content) : await SpoolAsync(content, ct);
        IExcelDataReader reader;
        try
        {
            if (XlsxLimits.Check(buffer) is { } problem) throw new SchemaDriftException(file, null, problem);
            reader = ExcelReaderFactory.CreateOpenXmlReader(buffer, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (SchemaDriftException)
        {
            await buffer.DisposeAsync();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await buffer.DisposeAsync();
            throw new SchemaDriftException(file, null, $"not a readable .xlsx workbook ({e.Message})");
        }
        if (!reader.Read())
            throw new SchemaDriftException(file, null, "the first sheet is empty (no header row)");
        var header = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++) header.Add(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "");
        // Trailing empty header cells are formatting, not columns.
        while (header.Count > 0 && string.IsNullOrWhiteSpace(header[^1])) header.RemoveAt(header.Count - 1);
        return new XlsxRecordSource(reader, buffer, header, file);
    }

    private static async Task<Stream> SpoolAsync(Stream content, CancellationToken ct)
    {
        var spool = new FileStream(Raw.StagingFolder.NewFile("xlsx"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(spool, ct);
        spool.Position = 0;
        return spool;
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
                if (_cells[i] is { Length: > XlsxLimits.MaxCellChars }) throw new SchemaDriftException(_file, null, XlsxLimits.CellTooLong(Line, i));
                any |= !string.IsNullOrWhiteSpace(_cells[i]);
            }
            FieldCount = _cells.Length;
            if (any) return ValueTask.FromResult(true); // blank rows in a sheet are layout, not records
        }
        CheckOtherSheetsEmpty();
        return ValueTask.FromResult(false);
    }

    /// <summary>Only the first sheet is loaded: data anywhere else would be lost silently, so it rejects the file.</summary>
    private void CheckOtherSheetsEmpty()
    {
        var sheet = 1;
        while (_reader.NextResult())
        {
            sheet++;
            var row = 0;
            while (_reader.Read())
            {
                row++;
                for (var i = 0; i < _reader.FieldCount; i++)
                    if (_reader.GetValue(i) is { } v && !string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture)))
                        throw new SchemaDriftException(_file, null,
                            $"sheet {sheet} ('{_reader.Name}') has data (row {row}); only the first sheet is read. Move the data to the first sheet or remove the sheet");
            }
        }
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
