using System.Collections;
using System.Data;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Sylvan.Data.Csv;

namespace Pipeline.Core.Query;

/// <summary>Writes a <see cref="QueryResult"/> as aligned text, CSV or JSON; values in invariant culture.</summary>
public static class QueryOutput
{
    private const string Null = "NULL";

    public static void Write(QueryResult result, QueryFormat format, TextWriter output)
    {
        switch (format)
        {
            case QueryFormat.Text: WriteText(result, output); break;
            case QueryFormat.Csv: WriteCsv(result, output); break;
            case QueryFormat.Json: WriteJson(result, output); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary>One value as text: ISO dates, '.' decimals, <c>true</c>/<c>false</c>; null stays null.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero
            ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Format(k)}: {Format(map[k]) ?? Null}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => Format(v) ?? Null)) + "]",
        _ => value.ToString(),
    };

    private static void WriteText(QueryResult result, TextWriter output)
    {
        // One line per row: line breaks inside a value are shown escaped.
        var cells = result.Rows
            .Select(r => r.Select(v => (Format(v) ?? Null).Replace("\r", "\\r").Replace("\n", "\\n")).ToArray())
            .ToList();
        var widths = result.Columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Name.Length).Max()).ToArray();
        var numeric = result.Columns.Select(c => IsNumeric(c.Type)).ToArray();
        string Line(IReadOnlyList<string> values, bool header) => string.Join("  ", values.Select((v, i) =>
            numeric[i] && !header ? v.PadLeft(widths[i]) : v.PadRight(widths[i]))).TrimEnd();

        output.WriteLine(Line(result.Columns.Select(c => c.Name).ToList(), header: true));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in cells) output.WriteLine(Line(row, header: false));
        output.WriteLine(result.Rows.Count == 1 ? "(1 row)" : $"({result.Rows.Count} rows)");
    }

    private static void WriteCsv(QueryResult result, TextWriter output)
    {
        using var table = new DataTable();
        foreach (var c in result.Columns) table.Columns.Add(c.Name, typeof(string));
        foreach (var row in result.Rows) table.Rows.Add(row.Select(v => (object?)Format(v) ?? DBNull.Value).ToArray());
        using var csv = CsvDataWriter.Create(output);
        csv.Write(table.CreateDataReader());
    }

    private static void WriteJson(QueryResult result, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    json.WritePropertyName(result.Columns[i].Name);
                    WriteJsonValue(json, row[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case sbyte or byte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u: json.WriteNumberValue(u); break;
            case decimal m: json.WriteNumberValue(m); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case BigInteger or Int128 or UInt128: json.WriteRawValue(Format(value)!); break;
            default: json.WriteStringValue(Format(value)); break;
        }
    }

    private static bool IsNumeric(string duckDbType)
    {
        var t = duckDbType.ToUpperInvariant();
        return t.Contains("INT") || t is "DOUBLE" or "FLOAT" or "REAL" || t.StartsWith("DECIMAL", StringComparison.Ordinal);
    }
}
