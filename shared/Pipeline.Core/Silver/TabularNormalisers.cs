using Pipeline.Core.Datasets;

namespace Pipeline.Core.Silver;

/// <summary>Turns one source record into zero or more silver rows (in the table's column order); throws <see cref="BadValueException"/>.</summary>
public delegate void RowMapper(IRecordSource record, List<object?[]> output);

/// <summary>
/// The per-table mapping from a tabular source (CSV/xlsx) to silver rows: pure, tested without any I/O. Each factory
/// checks the header against its schema first (throws <see cref="SchemaDriftException"/>); the dataset declarations in
/// <see cref="Datasets.DatasetCatalog"/> say which factory reads which table.
/// </summary>
public static class TabularNormalisers
{
    private static string? Cell(IRecordSource r, HeaderMap map, string header) => r[map[header]];

    private static string Code(IRecordSource r, HeaderMap map, string header) => Cells.Required(header, Cell(r, map, header));

    private static string? Text(IRecordSource r, HeaderMap map, string header) => Cells.Text(Cell(r, map, header));

    private static int Year(string column, string? raw)
    {
        var y = Cells.Int(column, raw);
        return y is >= 1990 and <= 2100 ? y : throw new BadValueException(column, raw, "not a plausible year (1990–2100)");
    }

    public static RowMapper Studenten(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.StudentenPerInstelling);
        var provisional = context.ProvisionalYear;
        var leerwegen = SilverSchemas.DuoLeerwegen;
        return (r, output) =>
        {
            var jaar = Year("JAAR", Cell(r, map, "JAAR"));
            var code = Code(r, map, "INSTELLINGSCODE");
            var naam = Text(r, map, "INSTELLINGSNAAM");
            var bg = Text(r, map, "BEVOEGD GEZAG NUMMER");
            var provincie = Text(r, map, "PROVINCIE INSTELLING");
            var plaats = Text(r, map, "PLAATSNAAM INSTELLING");
            var gemnr = Text(r, map, "GEMEENTENUMMER INSTELLING");
            var gemeente = Text(r, map, "GEMEENTE INSTELLING");
            // Parse every count before emitting, so a bad cell rejects the whole source row, never half of it.
            var counts = leerwegen.Select(l => Cells.Count(l, Cell(r, map, l))).ToArray();
            for (var i = 0; i < leerwegen.Count; i++)
                output.Add([jaar, code, naam, bg, provincie, plaats, gemnr, gemeente, leerwegen[i], counts[i].Aantal, counts[i].Onderdrukt, jaar == provisional]);
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
        return (r, output) =>
        {
            var code = Code(r, map, "INSTELLINGSCODE");
            var naam = Text(r, map, "INSTELLINGSNAAM");
            var plaats = Text(r, map, "PLAATSNAAM INSTELLING");
            var leerweg = Code(r, map, "LEERWEG");
            var niveau = Cells.Int("NIVEAU", Cell(r, map, "NIVEAU"));
            var crebo = Code(r, map, "ERKENDE OPLEIDING CODE");
            var opleiding = Text(r, map, "ERKENDE OPLEIDING NAAM");
            var sector = Text(r, map, "SECTORKAMER NAAM");
            var hoofdgroep = Text(r, map, "HOOFDGROEP NAAM");
            var counts = new (int? Aantal, bool Onderdrukt)[cells.Length];
            for (var i = 0; i < cells.Length; i++) counts[i] = Cells.Count(cells[i].Header, r[cells[i].Index]);
            for (var i = 0; i < cells.Length; i++)
                output.Add([cells[i].Jaar, code, naam, plaats, leerweg, niveau, crebo, opleiding, sector, hoofdgroep,
                    cells[i].Geslacht, counts[i].Aantal, counts[i].Onderdrukt, cells[i].Jaar == provisional]);
        };
    }

    private static readonly string[] InstroomText =
        ["WIJZIGING IN INSTELLING", "LAATSTE JAAR VO", "VOOROPLEIDING VO", "LAATSTE JAAR MBO", "VOOROPLEIDING MBO",
         "INSTROOM VO", "INSTROOM MBO", "INSTROOM OPLEIDING"];

    /// <summary>The yearly "met soorten instroom" files (with JAAR and AANTAL). LEERWEG is kept as DUO codes it (<c>BOL</c>).</summary>
    public static RowMapper Instroom(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.Instroom);
        return (r, output) => InstroomRow(map, context.ProvisionalYear, r, output);
    }

    private static void InstroomRow(HeaderMap map, int? provisional, IRecordSource r, List<object?[]> output)
    {
        var jaar = Year("JAAR", Cell(r, map, "JAAR"));
        var code = Code(r, map, "INSTELLINGSCODE");
        var niveau = Cells.Int("NIVEAU", Cell(r, map, "NIVEAU"));
        var leerweg = Code(r, map, "LEERWEG");
        var crebo = Code(r, map, "BEROEPSOPLEIDING CODE");
        var opleiding = Text(r, map, "BEROEPSOPLEIDING NAAM");
        var extra = InstroomText.Select(h => (object?)Text(r, map, h));
        var (aantal, onderdrukt) = Cells.Count("AANTAL", Cell(r, map, "AANTAL"));
        output.Add([jaar, code, niveau, leerweg, crebo, opleiding, .. extra, aantal, onderdrukt, jaar == provisional]);
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
        var voorlopig = jaar == context.ProvisionalYear;
        return (r, output) =>
        {
            var code = Code(r, map, "INSTELLINGSCODE");
            var naam = Text(r, map, "INSTELLINGSNAAM");
            var hoofdgroepCode = Text(r, map, "HOOFDGROEP CODE");
            var hoofdgroep = Text(r, map, "HOOFDGROEP NAAM");
            var niveau = Cells.Int("NIVEAU", Cell(r, map, "NIVEAU"));
            var leerweg = Code(r, map, "LEERWEG");
            var crebo = Code(r, map, "BEROEPSOPLEIDING CODE");
            var opleiding = Text(r, map, "BEROEPSOPLEIDING NAAM");
            var vo = Text(r, map, "VOOROPLEIDING VO");
            var mbo = Text(r, map, "VOOROPLEIDING MBO");
            var klein = Text(r, map, "INDICATIE KLEINE OPLEIDING");
            var totaal = Cells.Count("TOTAAL MBO", Cell(r, map, "TOTAAL MBO"));
            var instroomMbo = Cells.Count("INSTROOM MBO", Cell(r, map, "INSTROOM MBO"));
            var instroomOpleiding = Cells.Count("INSTROOM OPLEIDING", Cell(r, map, "INSTROOM OPLEIDING"));
            output.Add([jaar, code, naam, hoofdgroepCode, hoofdgroep, niveau, leerweg, crebo, opleiding, vo, mbo, klein,
                totaal.Aantal, instroomMbo.Aantal, instroomOpleiding.Aantal,
                totaal.Onderdrukt || instroomMbo.Onderdrukt || instroomOpleiding.Onderdrukt, voorlopig]);
        };
    }

    public static RowMapper JobMonitor(RowContext context)
    {
        var map = HeaderMap.Validate(context.File, context.Header, SilverSchemas.JobMonitor);
        return (r, output) => JobMonitorRow(map, r, output);
    }

    private static void JobMonitorRow(HeaderMap map, IRecordSource r, List<object?[]> output)
    {
        var jaar = Year("jaar", Cell(r, map, "jaar"));
        var code = Code(r, map, "instellingscode");
        var thema = Code(r, map, "thema");
        var vraag = Code(r, map, "vraag");
        var respondenten = Cells.OptionalInt("respondenten", Cell(r, map, "respondenten"));
        if (respondenten < 0) throw new BadValueException("respondenten", Cell(r, map, "respondenten"), "negative number of respondents");
        var pct = Cells.Between("percentage_positief", Cells.OptionalDouble("percentage_positief", Cell(r, map, "percentage_positief"), r.DecimalComma), 0, 100);
        var cijfer = Cells.Between("rapportcijfer", Cells.OptionalDouble("rapportcijfer", Cell(r, map, "rapportcijfer"), r.DecimalComma), 1, 10);
        output.Add([jaar, code, thema, vraag, respondenten, pct, cijfer]);
    }
}
