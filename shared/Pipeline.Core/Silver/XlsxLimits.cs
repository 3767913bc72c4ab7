using System.IO.Compression;

namespace Pipeline.Core.Silver;

/// <summary>
/// What an .xlsx may hold before anything parses it. A workbook is a zip: 5 MB can unpack to gigabytes (a
/// decompression bomb), and ExcelDataReader keeps the whole shared-strings table in memory. The zip's directory is
/// checked first, so a hostile workbook is refused without unpacking it; the cell length is checked while reading.
/// </summary>
public static class XlsxLimits
{
    /// <summary>All parts together, unpacked. JOB-monitor workbooks are a few megabytes.</summary>
    public const long MaxUncompressedBytes = 64L * 1024 * 1024;
    /// <summary><c>xl/sharedStrings.xml</c>, unpacked: held in memory whole by the reader.</summary>
    public const long MaxSharedStringsBytes = 16L * 1024 * 1024;
    public const int MaxSheets = 16;
    public const int MaxParts = 1000;
    /// <summary>Excel's own limit for one cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Why <paramref name="workbook"/> (seekable) may not be read, or null when it is within the limits.</summary>
    public static string? Check(Stream workbook)
    {
        var start = workbook.Position;
        try
        {
            using var zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxParts) return $"the workbook has {zip.Entries.Count} parts; at most {MaxParts} are read";
            var total = 0L;
            var sheets = 0;
            foreach (var e in zip.Entries)
            {
                total += e.Length;
                if (e.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                    sheets++;
                if (e.FullName.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase) && e.Length > MaxSharedStringsBytes)
                    return $"its shared strings unpack to {e.Length:#,0} bytes; at most {MaxSharedStringsBytes:#,0} are read (a decompression bomb?)";
            }
            if (total > MaxUncompressedBytes)
                return $"it unpacks to {total:#,0} bytes; at most {MaxUncompressedBytes:#,0} are read (a decompression bomb?)";
            if (sheets > MaxSheets) return $"the workbook has {sheets} sheets; at most {MaxSheets} are read";
            return null;
        }
        catch (InvalidDataException e)
        {
            return $"not a readable .xlsx workbook ({e.Message})";
        }
        finally
        {
            workbook.Position = start;
        }
    }

    public static string CellTooLong(long line, int column) =>
        $"line {line}, column {column + 1}: a cell longer than {MaxCellChars:#,0} characters (Excel's own limit)";
}
