using System.Globalization;
using System.Text;

namespace Pipeline.Bench.Inputs;

/// <summary>
/// Writes a CSV the way the DUO portal does: UTF-8 with a BOM, CRLF, text cells in double quotes (quotes doubled),
/// numbers bare. Counts rows and bytes.
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly StreamWriter _out;
    private readonly FileStream _file;
    private bool _first = true;

    public CsvFile(string path, IReadOnlyList<string> header, bool bom = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _out = new StreamWriter(_file, new UTF8Encoding(bom), 1 << 20) { NewLine = "\r\n" };
        _out.Write(string.Join(',', header));
        _out.WriteLine();
    }

    public long Rows { get; private set; }

    public long Bytes { get { _out.Flush(); return _file.Length; } }

    public CsvFile Text(string value)
    {
        Separator();
        _out.Write('"');
        if (value.Contains('"')) _out.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        else _out.Write(value);
        _out.Write('"');
        return this;
    }

    public CsvFile Number(long value)
    {
        Separator();
        _out.Write(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CsvFile Number(double value)
    {
        Separator();
        _out.Write(value.ToString("0.0", CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>A cell written as it is (unquoted): the JOB upload format quotes only when it must.</summary>
    public CsvFile Bare(string value)
    {
        Separator();
        _out.Write(value);
        return this;
    }

    /// <summary>DUO suppresses small counts (1–4) as <c>-1</c>.</summary>
    public CsvFile Count(long value) => Number(value is >= 1 and <= 4 ? -1 : value);

    public void EndRow()
    {
        _out.WriteLine();
        _first = true;
        Rows++;
    }

    private void Separator()
    {
        if (!_first) _out.Write(',');
        _first = false;
    }

    public void Dispose()
    {
        _out.Dispose();
        _file.Dispose();
    }
}
