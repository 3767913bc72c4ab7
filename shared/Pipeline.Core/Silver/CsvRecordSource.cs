using System.Text;
using Sylvan.Data.Csv;

namespace Pipeline.Core.Silver;

/// <summary>A CSV file read with Sylvan.Data.Csv in the dialect detected from its first bytes.</summary>
public sealed class CsvRecordSource : IRecordSource
{
    private readonly CsvDataReader _reader;
    private readonly StreamReader _text;
    private readonly string _file;

    private CsvRecordSource(CsvDataReader reader, StreamReader text, CsvDialect dialect, string file)
    {
        _reader = reader;
        _text = text;
        _file = file;
        Dialect = dialect;
        Header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    public CsvDialect Dialect { get; }
    public IReadOnlyList<string> Header { get; }
    public string Description => $"CSV ({Dialect})";
    public long Line { get; private set; } = 1;
    public int FieldCount => _reader.RowFieldCount;
    public string? this[int i] => i < _reader.RowFieldCount ? _reader.GetString(i) : null;
    public ReadOnlySpan<char> Span(int i) => i < _reader.RowFieldCount ? _reader.GetFieldSpan(i) : default;
    public bool DecimalComma => Dialect.DecimalComma;

    /// <summary>Opens <paramref name="content"/>; <paramref name="file"/> names it in errors.</summary>
    public static async Task<CsvRecordSource> OpenAsync(Stream content, string file, CancellationToken ct)
    {
        var sample = new byte[CsvDialectDetector.SampleSize];
        var n = 0;
        while (n < sample.Length)
        {
            var read = await content.ReadAsync(sample.AsMemory(n), ct);
            if (read == 0) break;
            n += read;
        }
        var dialect = CsvDialectDetector.Detect(sample.AsSpan(0, n), complete: n < sample.Length);
        var start = dialect.HasBom ? 3 : 0;
        var joined = new PrefixedStream(sample.AsMemory(start, n - start), content);
        var text = new StreamReader(joined, dialect.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        try
        {
            var reader = await CsvDataReader.CreateAsync(text, CsvLimits.Options(dialect.Delimiter, hasHeaders: true), ct);
            return new CsvRecordSource(reader, text, dialect, file);
        }
        catch (CsvRecordTooLargeException)
        {
            text.Dispose();
            // Sylvan reads the first record along with the header, so either may be the long one.
            throw new SchemaDriftException(file, null, $"the header or the first record is longer than {CsvLimits.MaxRecordChars:#,0} characters " +
                "(a file without line breaks, or not CSV)");
        }
        catch (DecoderFallbackException e)
        {
            text.Dispose();
            throw new SchemaDriftException(file, null, $"the header is not valid {dialect.Encoding.WebName}: {e.Message}");
        }
        catch (Exception e) when (e is CsvFormatException or InvalidDataException)
        {
            text.Dispose();
            throw new SchemaDriftException(file, null, $"the header cannot be read as CSV: {e.Message}");
        }
    }

    public async ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        try
        {
            if (!await _reader.ReadAsync(ct)) return false;
        }
        catch (DecoderFallbackException e)
        {
            // One undecodable byte means the encoding guess (or the file) is wrong: the whole file is suspect.
            throw new SchemaDriftException(_file, null, $"after line {Line}: bytes that are not valid {Dialect.Encoding.WebName} ({e.Message})");
        }
        catch (CsvRecordTooLargeException)
        {
            throw new SchemaDriftException(_file, null, CsvLimits.TooLong(Line + 1));
        }
        catch (CsvFormatException e)
        {
            throw new SchemaDriftException(_file, null, $"after line {Line}: malformed CSV ({e.Message})");
        }
        Line = _reader.RowNumber + 1; // Sylvan counts data rows from 1; the header is line 1
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        _text.Dispose();
    }
}
