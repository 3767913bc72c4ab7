using System.Text;

namespace Pipeline.Core.Silver;

/// <summary>
/// The "Silver tables" section of <c>docs/lake.md</c>, generated from <see cref="SilverSchemas"/> and kept between
/// the markers so the rest of the document (written by hand) is untouched.
/// </summary>
public static class DataDictionary
{
    public const string Begin = "<!-- silver:begin -->";
    public const string End = "<!-- silver:end -->";

    public static string SilverSection()
    {
        var sb = new StringBuilder();
        sb.Append("## Silver tables\n\n");
        sb.Append("Generated from `shared/Pipeline.Core/Silver/SilverSchemas.cs` by `pipeline docs`; a test fails when this\n");
        sb.Append("section and the code disagree. Every file is `silver/{tabel}/jaar=YYYY/part-0.parquet` with key-value metadata\n");
        sb.Append("`schema_version`, `raw_sha256`, `run_id` (plus `raw_file`, `dataset`). `jaar` is the partition column: it is in the\n");
        sb.Append("path only, not stored in the files (see [Reading the lake](#reading-the-lake)). Beside each table: `_checks.json` (the\n");
        sb.Append("data-quality checks of the current load). Rows a load rejected are in `silver/_rejects/{tabel}/{raw_sha256}.parquet`\n");
        sb.Append("(`bestand`, `regel`, `kolom`, `waarde`, `reden`). Suppressed DUO counts (`-1`, `<5`) are `aantal = null` with\n");
        sb.Append("`onderdrukt = true`, never a guessed number; empty and single-space cells are null.\n");
        foreach (var s in SilverSchemas.All)
        {
            sb.Append($"\n### `{s.TableName}` (schema v{s.Version})\n\n");
            sb.Append($"{s.Description}\n\n");
            sb.Append($"- Source: {s.Origin} Raw dataset id `{s.Dataset}` (bron `{s.Bron}`).\n");
            sb.Append($"- Key (checked unique): `{string.Join("`, `", s.Key)}`{(s.HasDynamicColumns ? " plus every dimension column" : "")}.\n");
            if (s.AcceptedValues.Count > 0)
                sb.Append("- Accepted values: " + string.Join("; ", s.AcceptedValues.Select(kv => $"`{kv.Key}` ∈ {{{string.Join(", ", kv.Value)}}}")) + ".\n");
            sb.Append("\n| column | type | null | meaning | source |\n|---|---|---|---|---|\n");
            foreach (var c in s.Columns)
            {
                var meaning = c.Name == s.Table.PartitionColumn ? c.Column.Description + " Partition: in the path only." : c.Column.Description;
                sb.Append($"| `{c.Name}` | {c.Column.SqlType} | {(c.Column.Nullable ? "yes" : "no")} | {Escape(meaning)} | {Escape(c.Source)} |\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>Replaces the text between the markers (appending the markers when absent).</summary>
    public static string Apply(string document)
    {
        var generated = Begin + "\n" + SilverSection() + End;
        var b = document.IndexOf(Begin, StringComparison.Ordinal);
        var e = document.IndexOf(End, StringComparison.Ordinal);
        if (b < 0 || e < b) return document.TrimEnd() + "\n\n" + generated + "\n";
        return document[..b] + generated + document[(e + End.Length)..];
    }

    /// <summary>The section currently between the markers, or null.</summary>
    public static string? Current(string document)
    {
        var b = document.IndexOf(Begin, StringComparison.Ordinal);
        var e = document.IndexOf(End, StringComparison.Ordinal);
        return b < 0 || e < b ? null : document[(b + Begin.Length)..e].Trim('\n');
    }

    private static string Escape(string s) => s.Replace("|", "\\|");
}
