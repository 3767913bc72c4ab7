using Pipeline.Core.Datasets;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Silver;

/// <summary>Turns one source record into zero or more silver rows (in the table's column order); throws <see cref="BadValueException"/>.</summary>
public delegate void RowMapper(IRecordSource record, RowBatch output);

/// <summary>
/// The per-table mapping from a tabular source (CSV/xlsx) to silver rows: pure, tested without any I/O. Each factory
/// checks the header against its schema first (throws <see cref="SchemaDriftException"/>); the dataset declarations in
/// <see cref="Datasets.DatasetCatalog"/> say which factory reads which table. Cells are read as spans: numbers parse in
/// place, texts come from a per-file <see cref="TextPool"/>, ints and flags from <see cref="Boxed"/>.
/// </summary>
public static class TabularNormalisers
{
    private static string? Cell(IRecordSource r, HeaderMap map, string header) => r[map[header]];

    private static string Code(IRecordSource r, HeaderMap map, string header, TextPool pool) =>
        Cells.Required(header, r.Span(map[header]), pool);

    private static string? Text(IRecordSource r, HeaderMap map, string header, TextPool pool) => Cells.Text(r.Span(map[header]), pool);

    private static int Int(IRecordSource r, HeaderMap map, string header) => Cells.Int(header, r.Span(map[header]));

    private static (int? Aantal, bool Onderdrukt) Count(IRecordSource r, HeaderMap map, string header) =>
        Cells.Count(header, r.Span(map[header]));

    private static int Year(IRecordSource r, HeaderMap map, string header)
    {
        var y = Int(r, map, header);
        return y is >= 1990 and <= 2100 ? y : throw new BadValueException(header, Cell(r, map, header), "not a plausible year (1990–2100)");
    }

    public static RowMapper Studenten(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.StudentenPerInstelling);
        var provisional = context.ProvisionalYear;
        var leerwegen = SilverSchemas.DuoLeerwegen;
        var pool = new TextPool();
        var counts = new (int? Aantal, bool Onderdrukt)[leerwegen.Count];
        return (r, output) =>
        {
            var jaar = Year(r, map, "JAAR");
            var code = Code(r, map, "INSTELLINGSCODE", pool);
            var naam = Text(r, map, "INSTELLINGSNAAM", pool);
            var bg = Text(r, map, "BEVOEGD GEZAG NUMMER", pool);
            var provincie = Text(r, map, "PROVINCIE INSTELLING", pool);
            var plaats = Text(r, map, "PLAATSNAAM INSTELLING", pool);
            var gemnr = Text(r, map, "GEMEENTENUMMER INSTELLING", pool);
            var gemeente = Text(r, map, "GEMEENTE INSTELLING", pool);
            // Parse every count before emitting, so a bad cell rejects the whole source row, never half of it.
            for (var i = 0; i < leerwegen.Count; i++) counts[i] = Count(r, map, leerwegen[i]);
            var (boxedJaar, voorlopig) = (Boxed.Int(jaar), Boxed.Bool(jaar == provisional));
            for (var i = 0; i < leerwegen.Count; i++)
                output.Add([boxedJaar, code, naam, bg, provincie, plaats, gemnr, gemeente, leerwegen[i],
                    Boxed.Int(counts[i].Aantal), Boxed.Bool(counts[i].Onderdrukt), voorlopig]);
        };
    }

    public static RowMapper Gediplomeerden(RowContext context)
    {
        var (file, provisional) = (context.File, context.ProvisionalYear);
        var map = HeaderMap.Validate(file, context.Header, SilverSchemas.Gediplomeerden);
        // Pair DIPMANyyyy with DIPVROUWyyyy: a year with only one of them is drift, not something to guess around.
        var cells = map.Patterned
            .Select(p => (p.Index, p.Header, Jaar: int.Parse(p.Match.Groups["jaar"].Value),
                Geslacht: p.Header.StartsWith("DIPMAN", StringComparison.OrdinalIgnoreCase) ? "man" : "vrouw"))
            .OrderBy(p => p.Jaar).ThenBy(p => p.Geslacht, StringComparer.Ordinal).ToArray();
        foreach (var year in cells.GroupBy(c => c.Jaar).Where(g => g.Count() != 2))
            throw new SchemaDriftException(file, year.First().Header, $"year {year.Key} has no {(year.First().Geslacht == "man" ? "DIPVROUW" : "DIPMAN")}{year.Key} column");
        var years = cells.Select(c => (Jaar: Boxed.Int(c.Jaar), Voorlopig: Boxed.Bool(c.Jaar == provisional))).ToArray();
        var pool = new TextPool();
        var counts = new (int? Aantal, bool Onderdrukt)[cells.Length];
        return (r, output) =>
        {
            var code = Code(r, map, "INSTELLINGSCODE", pool);
            var naam = Text(r, map, "INSTELLINGSNAAM", pool);
            var plaats = Text(r, map, "PLAATSNAAM INSTELLING", pool);
            var leerweg = Code(r, map, "LEERWEG", pool);
            var niveau = Boxed.Int(Int(r, map, "NIVEAU"));
            var crebo = Code(r, map, "ERKENDE OPLEIDING CODE", pool);
            var opleiding = Text(r, map, "ERKENDE OPLEIDING NAAM", pool);
            var sector = Text(r, map, "SECTORKAMER NAAM", pool);
            var hoofdgroep = Text(r, map, "HOOFDGROEP NAAM", pool);
            for (var i = 0; i < cells.Length; i++) counts[i] = Cells.Count(cells[i].Header, r.Span(cells[i].Index));
            for (var i = 0; i < cells.Length; i++)
                output.Add([years[i].Jaar, code, naam, plaats, leerweg, niveau, crebo, opleiding, sector, hoofdgroep,
                    cells[i].Geslacht, Boxed.Int(counts[i].Aantal), Boxed.Bool(counts[i].Onderdrukt), years[i].Voorlopig]);
        };
    }

    private static readonly string[] InstroomText =
        ["WIJZIGING IN INSTELLING", "LAATSTE JAAR VO", "VOOROPLEIDING VO", "LAATSTE JAAR MBO", "VOOROPLEIDING MBO",
         "INSTROOM VO", "INSTROOM MBO", "INSTROOM OPLEIDING"];

    /// <summary>The yearly "met soorten instroom" files (with JAAR and AANTAL). LEERWEG is kept as DUO codes it (<c>BOL</c>).</summary>
    public static RowMapper Instroom(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.Instroom);
        var pool = new TextPool();
        return (r, output) => InstroomRow(map, context.ProvisionalYear, pool, r, output);
    }

    private static void InstroomRow(HeaderMap map, int? provisional, TextPool pool, IRecordSource r, RowBatch output)
    {
        var jaar = Year(r, map, "JAAR");
        var code = Code(r, map, "INSTELLINGSCODE", pool);
        var niveau = Int(r, map, "NIVEAU");
        var leerweg = Code(r, map, "LEERWEG", pool);
        var crebo = Code(r, map, "BEROEPSOPLEIDING CODE", pool);
        var opleiding = Text(r, map, "BEROEPSOPLEIDING NAAM", pool);
        var extra = InstroomText.Select(h => (object?)Text(r, map, h, pool));
        var (aantal, onderdrukt) = Count(r, map, "AANTAL");
        output.Add([Boxed.Int(jaar), code, Boxed.Int(niveau), leerweg, crebo, opleiding, .. extra,
            Boxed.Int(aantal), Boxed.Bool(onderdrukt), Boxed.Bool(jaar == provisional)]);
    }

    /// <summary>
    /// The yearly "hoofdgroep … vooropleiding" files: no JAAR column, so the year is the resource's (from its name,
    /// kept in the raw sidecar); three counts.
    /// </summary>
    public static RowMapper InstroomVooropleiding(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.InstroomVooropleiding);
        var jaar = context.ResourceYear ?? throw new SchemaDriftException(context.File, null,
            "this shape has no JAAR column and the raw file has no resource year (ckan_resource_jaar in its sidecar); the year is never guessed");
        var (boxedJaar, voorlopig) = (Boxed.Int(jaar), Boxed.Bool(jaar == context.ProvisionalYear));
        var pool = new TextPool();
        return (r, output) =>
        {
            var code = Code(r, map, "INSTELLINGSCODE", pool);
            var naam = Text(r, map, "INSTELLINGSNAAM", pool);
            var hoofdgroepCode = Text(r, map, "HOOFDGROEP CODE", pool);
            var hoofdgroep = Text(r, map, "HOOFDGROEP NAAM", pool);
            var niveau = Int(r, map, "NIVEAU");
            var leerweg = Code(r, map, "LEERWEG", pool);
            var crebo = Code(r, map, "BEROEPSOPLEIDING CODE", pool);
            var opleiding = Text(r, map, "BEROEPSOPLEIDING NAAM", pool);
            var vo = Text(r, map, "VOOROPLEIDING VO", pool);
            var mbo = Text(r, map, "VOOROPLEIDING MBO", pool);
            var klein = Text(r, map, "INDICATIE KLEINE OPLEIDING", pool);
            var totaal = Count(r, map, "TOTAAL MBO");
            var instroomMbo = Count(r, map, "INSTROOM MBO");
            var instroomOpleiding = Count(r, map, "INSTROOM OPLEIDING");
            output.Add([boxedJaar, code, naam, hoofdgroepCode, hoofdgroep, Boxed.Int(niveau), leerweg, crebo, opleiding, vo, mbo, klein,
                Boxed.Int(totaal.Aantal), Boxed.Int(instroomMbo.Aantal), Boxed.Int(instroomOpleiding.Aantal),
                Boxed.Bool(totaal.Onderdrukt || instroomMbo.Onderdrukt || instroomOpleiding.Onderdrukt), voorlopig]);
        };
    }

    public static RowMapper JobMonitor(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.JobMonitor);
        var pool = new TextPool();
        return (r, output) => JobMonitorRow(map, pool, r, output);
    }

    private static void JobMonitorRow(HeaderMap map, TextPool pool, IRecordSource r, RowBatch output)
    {
        var jaar = Year(r, map, "jaar");
        var code = Code(r, map, "instellingscode", pool);
        var thema = Code(r, map, "thema", pool);
        var vraag = Code(r, map, "vraag", pool);
        var respondenten = Cells.OptionalInt("respondenten", Cell(r, map, "respondenten"));
        if (respondenten < 0) throw new BadValueException("respondenten", Cell(r, map, "respondenten"), "negative number of respondents");
        var pct = Cells.Between("percentage_positief", Cells.OptionalDouble("percentage_positief", Cell(r, map, "percentage_positief"), r.DecimalComma), 0, 100);
        var cijfer = Cells.Between("rapportcijfer", Cells.OptionalDouble("rapportcijfer", Cell(r, map, "rapportcijfer"), r.DecimalComma), 1, 10);
        output.Add([Boxed.Int(jaar), code, thema, vraag, Boxed.Int(respondenten), pct, cijfer]);
    }
}
