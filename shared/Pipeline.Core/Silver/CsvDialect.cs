using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Silver;

/// <summary>How one CSV file is written: delimiter, encoding, BOM and decimal separator.</summary>
public sealed record CsvDialect(char Delimiter, Encoding Encoding, bool HasBom, bool DecimalComma)
{
    public override string ToString() =>
        $"delimiter '{Delimiter}', {Encoding.WebName}{(HasBom ? " with BOM" : "")}, decimal {(DecimalComma ? "comma" : "point")}";
}

/// <summary>
/// Detects the dialect from the first bytes of a file. DUO's portal writes <c>,</c>-separated UTF-8 (sometimes with a
/// BOM) and a decimal point; its legacy files use <c>;</c>, possibly Windows-1252, and the decimal comma.
/// </summary>
public static partial class CsvDialectDetector
{
    public const int SampleSize = 64 * 1024;

    static CsvDialectDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 => Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>Strict UTF-8: an invalid byte anywhere in the file is an error, not a replacement character.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="sample">The first bytes of the file (up to <see cref="SampleSize"/>).</param>
    /// <param name="complete">True when the sample is the whole file (so a cut multi-byte character cannot be the cause of invalid UTF-8).</param>
    public static CsvDialect Detect(ReadOnlySpan<byte> sample, bool complete)
    {
        var bom = sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var body = bom ? sample[3..] : sample;
        var encoding = bom || IsUtf8(body, complete) ? StrictUtf8 : Windows1252;
        // Decode leniently for sniffing only; the real read is strict.
        var text = (encoding is UTF8Encoding ? Encoding.UTF8 : Encoding.GetEncoding(1252)).GetString(body);
        var headerEnd = text.IndexOfAny(['\r', '\n']);
        var header = headerEnd < 0 ? text : text[..headerEnd];
        var delimiter = CountOutsideQuotes(header, ';') > CountOutsideQuotes(header, ',') ? ';' : ',';
        return new CsvDialect(delimiter, encoding, bom, delimiter == ';' && DecimalCommaLikely(text));
    }

    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool complete)
    {
        if (!complete)
        {
            // Drop a multi-byte sequence the sample cut in half.
            var end = bytes.Length;
            var back = 0;
            while (end > 0 && back < 4 && (bytes[end - 1] & 0xC0) == 0x80) { end--; back++; }
            if (end > 0 && bytes[end - 1] >= 0xC0) end--;
            bytes = bytes[..end];
        }
        return System.Text.Unicode.Utf8.IsValid(bytes);
    }

    private static int CountOutsideQuotes(string line, char c)
    {
        var n = 0;
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == c && !quoted) n++;
        }
        return n;
    }

    /// <summary>In a <c>;</c> file, the decimal comma unless the sample shows decimal points and no decimal commas.</summary>
    private static bool DecimalCommaLikely(string text)
    {
        var commas = DecimalWithComma().Count(text);
        var points = DecimalWithPoint().Count(text);
        return commas > 0 || points == 0;
    }

    [GeneratedRegex(@"(?<=^|;)""?-?\d+,\d+""?(?=;|\r|\n|$)", RegexOptions.Multiline)]
    private static partial Regex DecimalWithComma();

    [GeneratedRegex(@"(?<=^|;)""?-?\d+\.\d+""?(?=;|\r|\n|$)", RegexOptions.Multiline)]
    private static partial Regex DecimalWithPoint();
}
