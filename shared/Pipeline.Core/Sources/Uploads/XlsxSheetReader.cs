using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Pipeline.Core.Sources.Uploads;

/// <summary>
/// Reads the first sheet of an .xlsx workbook as rows of strings (numbers in invariant culture, empty cells null),
/// so an analyst's spreadsheet can be treated like the CSV it stands for. Streams rows; the workbook is not loaded whole.
/// </summary>
public static class XlsxSheetReader
{
    static XlsxSheetReader() =>
        // ExcelDataReader decodes legacy code pages through this provider; .NET Core does not register it by default.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IEnumerable<string?[]> ReadFirstSheet(Stream workbook)
    {
        if (Silver.XlsxLimits.Check(workbook) is { } problem) throw new InvalidDataException(problem);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(workbook, new ExcelReaderConfiguration { LeaveOpen = true });
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.GetValue(i) switch
                {
                    null => null,
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var v => v.ToString(),
                };
            yield return row;
        }
    }
}
