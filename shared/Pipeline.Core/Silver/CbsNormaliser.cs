using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Core.Lake.Tables;

namespace Pipeline.Core.Silver;

/// <summary>A CBS table's silver shape, derived from its DataProperties on top of the fixed CBS columns.</summary>
public sealed record CbsShape(DatasetSchema Schema, string TimeKey, IReadOnlyList<CbsProperty> Dimensions, IReadOnlyList<CbsProperty> Topics)
{
    /// <summary>Column descriptions for <c>_columns.json</c>: what each dimension and topic means according to CBS.</summary>
    public IReadOnlyList<object> ColumnNotes() =>
        Dimensions.SelectMany(d => new object[]
            {
                new { kolom = CbsNormaliser.SnakeCase(d.Key), bron = d.Key, type = "VARCHAR", betekenis = $"{d.Title} (code, trimmed)", beschrijving = d.Description },
                new { kolom = CbsNormaliser.SnakeCase(d.Key) + "_titel", bron = d.Key, type = "VARCHAR", betekenis = $"{d.Title} (title)", beschrijving = d.Description },
            })
            .Concat(Topics.Select(t => (object)new { kolom = CbsNormaliser.SnakeCase(t.Key), bron = t.Key, type = "DOUBLE", betekenis = t.Title, eenheid = t.Unit, beschrijving = t.Description }))
            .ToList();
}

/// <summary>CBS rows → silver: <c>2023JJ00</c> → jaar 2023, type JJ; codes trimmed; titles joined in; topics as doubles.</summary>
public static partial class CbsNormaliser
{
    public static CbsShape Shape(DatasetSchema fixedSchema, CbsRawJson raw, string file)
    {
        if (raw.TableId is { } id && !string.Equals(id, fixedSchema.Dataset, StringComparison.OrdinalIgnoreCase))
            throw new SchemaDriftException(file, "table", $"the document is table '{id}', expected '{fixedSchema.Dataset}'");
        var time = raw.Properties.Where(p => p.IsTimeDimension).ToList();
        if (time.Count != 1)
            throw new SchemaDriftException(file, "Perioden", $"expected exactly one time dimension in DataProperties, found {time.Count}");
        var dims = raw.Properties.Where(p => p.IsDimension).ToList();
        var topics = raw.Properties.Where(p => p.IsTopic).ToList();
        if (topics.Count == 0) throw new SchemaDriftException(file, "DataProperties", "no topics (Type = Topic)");
        foreach (var t in topics.Where(t => t.Datatype is not (null or "Double" or "Float" or "Long" or "Integer" or "Decimal" or "Short")))
            throw new SchemaDriftException(file, t.Key, $"topic has datatype '{t.Datatype}'; silver stores topics as numbers");
        var unknown = raw.Properties.FirstOrDefault(p => !p.IsTopic && !p.IsDimension && !p.IsTimeDimension && p.Type != "TopicGroup");
        if (unknown is not null) throw new SchemaDriftException(file, unknown.Key, $"unknown property type '{unknown.Type}'");

        var columns = fixedSchema.Columns.ToList();
        foreach (var d in dims)
        {
            columns.Add(new SilverColumn(TableColumn.Str(SnakeCase(d.Key), $"{d.Title}: code (trimmed).", nullable: false), d.Key));
            columns.Add(new SilverColumn(TableColumn.Str(SnakeCase(d.Key) + "_titel", $"{d.Title}: title."), $"dimensions.{d.Key}[].Title"));
        }
        foreach (var t in topics)
            columns.Add(new SilverColumn(TableColumn.Dbl(SnakeCase(t.Key), $"{t.Title}{(string.IsNullOrEmpty(t.Unit) ? "" : $" ({t.Unit})")}."), t.Key));
        var clash = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null) throw new SchemaDriftException(file, clash.Key, "two properties map to the same silver column name");
        var schema = fixedSchema with
        {
            Columns = columns,
            Key = [.. fixedSchema.Key, .. dims.Select(d => SnakeCase(d.Key))],
            NotNull = [.. fixedSchema.NotNull, .. dims.Select(d => SnakeCase(d.Key))],
        };
        return new CbsShape(schema, time[0].Key, dims, topics);
    }

    public static void Map(CbsShape shape, CbsRawJson raw, ICbsRecord r, RowBatch output)
    {
        var row = new object?[shape.Schema.Columns.Count];
        var periode = Cells.Required(shape.TimeKey, r.Text(shape.TimeKey));
        var m = Period().Match(periode);
        if (!m.Success) throw new BadValueException(shape.TimeKey, periode, "not a CBS period code like 2023JJ00, 2023KW02 or 2023MM11");
        row[0] = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        row[1] = m.Groups[2].Value;
        row[2] = periode;
        var i = 3;
        foreach (var d in shape.Dimensions)
        {
            var code = Cells.Required(d.Key, r.Text(d.Key)); // trimmed: CBS pads codes with spaces
            string? title = null;
            if (raw.DimensionTitles.TryGetValue(d.Key, out var titles) && !titles.TryGetValue(code, out title))
                throw new BadValueException(d.Key, code, "code not in the dimension's list");
            row[i++] = code;
            row[i++] = title;
        }
        foreach (var t in shape.Topics) row[i++] = r.Number(t.Key);
        output.Add(row);
    }

    /// <summary><c>RegioS</c> → <c>regio_s</c>, <c>VoortijdigeSchoolverlaters_1</c> → <c>voortijdige_schoolverlaters_1</c>.</summary>
    public static string SnakeCase(string key)
    {
        var sb = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(key[i - 1]) || char.IsDigit(key[i - 1]))) sb.Append('_');
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }
        return Regex.Replace(sb.ToString(), "_+", "_").Trim('_');
    }

    [GeneratedRegex(@"^(\d{4})(JJ|KW|MM)(\d{2})$")]
    private static partial Regex Period();
}
