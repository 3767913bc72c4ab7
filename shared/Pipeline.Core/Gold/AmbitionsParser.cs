using Pipeline.Core.Indicators;
using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace Pipeline.Core.Gold;

/// <summary>
/// Strict reader of <c>ambities.csv</c> (UTF-8, comma-separated, header exactly <see cref="Header"/>). Every problem
/// is collected with its line number and any error rejects the whole file, so a half-valid file never half-applies.
/// An institution code no source knows is only a warning: the ambition may precede the institution's data.
/// </summary>
public static class AmbitionsParser
{
    public const string Header = "instellingscode,indicator,basisjaar,startwaarde,streefwaarde_2027,tolerantie";
    public const int Doeljaar = 2027;
    private static readonly string[] Columns = Header.Split(',');

    /// <summary>An ambitions file lists a few hundred lines; a file above this size is refused unread.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static AmbitionsParseResult Parse(string fileName, byte[] content, IReadOnlySet<string>? knownInstellingen = null)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new AmbitionsParseResult(fileName, [], [new AmbitionProblem(1, "het bestand is geen geldige UTF-8-tekst")], []);
        }
        return Parse(fileName, text.TrimStart('\uFEFF'), knownInstellingen);
    }

    public static AmbitionsParseResult Parse(string fileName, string text, IReadOnlySet<string>? knownInstellingen = null)
    {
        var errors = new List<AmbitionProblem>();
        var warnings = new List<AmbitionProblem>();
        var ambitions = new List<Ambition>();
        var records = ReadRecords(text, out var malformed);
        if (records.Count == 0 || string.Join(",", records[0].Fields.Select(f => f.Trim())) != Header)
        {
            var found = records.Count > 0 ? string.Join(",", records[0].Fields) : "";
            errors.Add(new AmbitionProblem(1, $"de kopregel moet precies '{Header}' zijn, maar is '{found}'"));
            return new AmbitionsParseResult(fileName, [], errors, warnings);
        }
        if (malformed is { } bad) errors.Add(bad);

        var seen = new Dictionary<(string, string), int>();
        foreach (var (lineNo, fields) in records.Skip(1))
        {
            if (fields.Length == 1 && string.IsNullOrWhiteSpace(fields[0])) continue;
            if (fields.Length != Columns.Length)
            {
                errors.Add(new AmbitionProblem(lineNo, $"verwacht {Columns.Length} kolommen, gevonden {fields.Length}"));
                continue;
            }
            var f = fields.Select(s => s.Trim()).ToArray();
            var before = errors.Count;

            var code = f[0];
            if (InstellingscodeProblem(code) is { } codeProblem) errors.Add(new AmbitionProblem(lineNo, codeProblem));

            var def = IndicatorCatalog.Find(f[1]);
            if (def is null)
                errors.Add(new AmbitionProblem(lineNo, $"onbekende indicator '{f[1]}' (bekend: {string.Join(", ", IndicatorCatalog.All.Where(d => d.HeeftRichting).Select(d => d.Code))})"));
            else if (!def.HeeftRichting)
                errors.Add(new AmbitionProblem(lineNo, $"indicator '{f[1]}' is een contextcijfer zonder richting; daarop kan geen ambitie staan"));

            int basisjaar = 0;
            if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out basisjaar))
                errors.Add(new AmbitionProblem(lineNo, $"basisjaar '{f[2]}' is geen jaartal"));
            else if (basisjaar >= Doeljaar)
                errors.Add(new AmbitionProblem(lineNo, $"basisjaar {basisjaar} moet vóór {Doeljaar} liggen"));

            var start = Number(f[3], "startwaarde", lineNo, errors);
            var target = Number(f[4], "streefwaarde_2027", lineNo, errors);
            double? tol = null;
            if (f[5].Length > 0)
            {
                tol = Number(f[5], "tolerantie", lineNo, errors);
                if (tol < 0) errors.Add(new AmbitionProblem(lineNo, $"tolerantie {f[5]} mag niet negatief zijn"));
            }

            if (def is not null)
            {
                var (min, max) = def.Bereik;
                foreach (var (column, value) in new[] { ("startwaarde", start), ("streefwaarde_2027", target) })
                    if (value is { } v && (v < min || v > max))
                        errors.Add(new AmbitionProblem(lineNo, $"{column} {Show(v)} valt buiten het bereik van '{def.Eenheid}' ({Range(min, max)})"));
                if (tol is { } t && t > max - min)
                    errors.Add(new AmbitionProblem(lineNo, $"tolerantie {Show(t)} is groter dan het hele bereik van '{def.Eenheid}' ({Range(min, max)})"));
            }
            if (code.Length > 0 && def is not null)
            {
                if (seen.TryGetValue((code, def.Code), out var first))
                    errors.Add(new AmbitionProblem(lineNo, $"dubbele ambitie voor ({code}, {def.Code}); eerder op regel {first}"));
                else seen[(code, def.Code)] = lineNo;
            }
            if (code.Length > 0 && knownInstellingen is not null && !knownInstellingen.Contains(code))
                warnings.Add(new AmbitionProblem(lineNo, $"instellingscode '{code}' komt in geen enkele bron voor"));

            if (errors.Count == before)
                ambitions.Add(new Ambition(code, def!.Code, basisjaar, start!.Value, target!.Value, tol, lineNo));
        }
        if (errors.Count == 0 && ambitions.Count == 0)
            errors.Add(new AmbitionProblem(2, "het bestand bevat geen enkele ambitie (alleen de kopregel); het zou alle trajecten wissen"));
        return new AmbitionsParseResult(fileName, errors.Count == 0 ? ambitions : [], errors, warnings);
    }

    /// <summary>
    /// DUO's <c>instellingscode</c>: two digits and two capital letters (<c>25LH</c>), or <c>NL</c> for national figures.
    /// A value a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>) is refused by name.
    /// </summary>
    public static string? InstellingscodeProblem(string code)
    {
        if (code.Length == 0) return "instellingscode is leeg";
        if (code[0] is '=' or '+' or '-' or '@')
            return $"instellingscode '{Clip(code)}' begint met '{code[0]}': een formule of opdracht wordt niet aanvaard";
        var valid = code == IndicatorCatalog.Landelijk
            || (code.Length == 4 && char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1]) && char.IsAsciiLetterUpper(code[2]) && char.IsAsciiLetterUpper(code[3]));
        return valid ? null : $"instellingscode '{Clip(code)}' is geen DUO-instellingscode (twee cijfers en twee hoofdletters, zoals 25LH, of {IndicatorCatalog.Landelijk})";
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string Show(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Range(double min, double max) => max == double.MaxValue ? $"{Show(min)} of meer" : $"{Show(min)} tot en met {Show(max)}";

    private static double? Number(string s, string column, int line, List<AmbitionProblem> errors)
    {
        if (double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
            && double.IsFinite(v))
            return v;
        errors.Add(new AmbitionProblem(line, s.Length == 0
            ? $"{column} is leeg"
            : $"{column} '{s}' is geen getal (gebruik een punt als decimaalteken)"));
        return null;
    }

    /// <summary>
    /// The records of the file (Sylvan.Data.Csv: quoted commas, quotes and newlines inside a field), each with the
    /// physical line it starts on. A malformed record (a quote left open) ends the reading and is returned as a problem.
    /// </summary>
    private static List<(int Line, string[] Fields)> ReadRecords(string text, out AmbitionProblem? malformed)
    {
        malformed = null;
        var records = new List<(int, string[])>();
        using var csv = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var line = 1;
        try
        {
            while (csv.Read())
            {
                var fields = Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray();
                records.Add((line, fields));
                line += 1 + fields.Sum(f => f.Count(c => c == '\n'));
            }
        }
        catch (CsvFormatException e)
        {
            malformed = new AmbitionProblem(line, $"de regel is geen geldige CSV (een aanhalingsteken is niet afgesloten?): {e.Message}");
        }
        return records;
    }
}
