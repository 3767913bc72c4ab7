using Pipeline.Core.Indicators;
using System.Globalization;
using System.Text;

namespace Pipeline.Core.Gold;

/// <summary>
/// Renders <c>docs/indicatoren.md</c> from the catalog. The file in the repo is this output verbatim; a test fails
/// when they differ (run the tests with <c>PIPELINE_UPDATE_DOCS=1</c> to rewrite it).
/// </summary>
public static class IndicatorDocs
{
    public static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("""
            # Indicatoren (generated from `IndicatorCatalog` — do not edit by hand)

            Per `instellingscode` and `jaar`, from the silver tables. Regenerate with
            `PIPELINE_UPDATE_DOCS=1 dotnet test tests/Pipeline.Tests --filter "FullyQualifiedName~Pipeline.Tests.Gold.IndicatorDocsTests"`.

            | code | naam | doelstelling | eenheid | richting | brontabellen | formule | standaardtolerantie | minimum noemer |
            |---|---|---|---|---|---|---|---|---|

            """);
        foreach (var d in IndicatorCatalog.All)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"| `{d.Code}` | {d.Naam} | {d.Doelstelling} | {d.Eenheid} | {d.Richting.Dutch()} | {string.Join(", ", d.BronTabellen.Select(t => $"`{t}`"))} | {d.Formule} | {Num(d.StandaardTolerantie)} | {Num(d.MinimumNoemer)} |\n");
        }
        sb.Append(LeerwegSection());
        sb.Append(CultureInfo.InvariantCulture, $$"""

            ## Value rows (`gold/indicatoren/jaar=YYYY/part-0.parquet`)
            `instellingscode, indicator, jaar, waarde, waarde_min, waarde_max, teller, noemer, noemer_min, kwaliteit, bron, bron_opgehaald`.
            - Suppressed cells (1–4 students) are never guessed away: `waarde` uses {{SuppressedArithmetic.Midpoint.ToString(CultureInfo.InvariantCulture)}} in each
              suppressed cell; `waarde_min`/`waarde_max` are the minimum and maximum of the formula over every combination of
              1 and 4 in the suppressed cells; `noemer_min` is the smallest possible noemer; `kwaliteit = 'onderdrukt'`.
              Without suppression the three values are equal.
            - `kwaliteit`: `ok`, `onderdrukt` (outranks provisional) or `voorlopig` (the source marks the year provisional).
            - `bron`: `<bron>/<dataset>@sha256:<raw sha256>`; `bron_opgehaald`: the day the raw file was fetched.
            - JOB-monitor themes with several questions: respondent-weighted mean; noemer = the smallest respondent count.
            - `vsv_landelijk`: the yearly (JJ) row of CBS 85368NED chosen **by code**, never by title: {{VsvRows()}}
              (codes compared trimmed; `Sources:Cbs:Tables:85368NED:Rows:<dimensie>` and `:Topic` override them, see
              docs/sources.md). The table total `T001336` includes vo and is not the mbo total. A configured code missing
              from the table, a dimension without a code, a missing topic or a year without the row is a warning in the run
              (and the manifest) and no value; the same warning in {{GoldOptions.DefaultWarningRuns}} refreshes in a row is an
              operator alert (`Alerts:Operators:IndicatorWarningRuns`). A `null` in the row (not published yet) is no value.

            ## Ambitions (`ambities.csv`)
            UTF-8, comma-separated, header exactly `{{AmbitionsParser.Header}}`; `tolerantie` may be empty (the catalog
            default applies). The whole file is rejected, with every problem listed by line number, on: a wrong header, an
            unknown or context indicator, `basisjaar` not before 2027, a duplicate (`instellingscode`, `indicator`), a
            non-numeric or empty number, a negative tolerance, a wrong number of columns, no ambition at all (header only), a
            `startwaarde` or `streefwaarde_2027` outside the unit's range (`%` 0–100, report mark 1–10, counts 0 or more), an
            `instellingscode` that is not two digits and two capital letters (`25LH`) or `NL`, or that starts with `=`, `+`, `-`
            or `@`. The ambitions in force stay in force. An `instellingscode` that no source knows is a warning.

            ## Trajectory and status (`gold/trajecten`)
            For `basisjaar ≤ jaar ≤ 2027`: `verwachte_waarde = startwaarde + (streefwaarde_2027 − startwaarde) × (jaar − basisjaar) / (2027 − basisjaar)`;
            `s` = +1 (hoger is beter) or −1 (lager is beter); `achterstand = s × (waarde − verwachte_waarde)`;
            `tol` = the ambition's `tolerantie` or the catalog default.
            - `onvoldoende_data` when `waarde` is null, or the indicator has a `noemer` below its minimum (with suppression
              the smallest possible noemer counts), or the rules below give different statuses for `waarde_min` and `waarde_max`;
            - otherwise, on `waarde`: `uit_koers` when `achterstand < −2·tol` or `s × (waarde − startwaarde) < −tol`;
            - otherwise `risico` when `achterstand < −tol`;
            - otherwise `op_koers`.

            Years before `basisjaar` or after 2027 get no status. Rows exist for each year from `basisjaar` up to the newest
            year the indicator has data for (at most 2027); an institution without a value that year is `onvoldoende_data`.
            Columns: `instellingscode, indicator, jaar, waarde, startwaarde, verwachte_waarde, streefwaarde_2027, achterstand, tolerantie, status`.

            ## Alerts (`gold/alerts`, written by the alerts stage)
            Only the newest year of each trajectory (`instellingscode`, `indicator`) counts: it raises one alert when its status is
            `risico` (ernst `waarschuwing`) or `uit_koers` (ernst `kritiek`). Older years are history, in `gold/trajecten` and the
            report. `alert_id` = first 16 hex characters of sha256(`instellingscode|indicator|jaar|status`). An alert is news (an
            entry of the run's digest) when its institution and indicator were not reported before, or its newest year or status
            changed; a trajectory back `op_koers` is forgotten, so a relapse is news again.

            """);
        return sb.ToString().Replace("\r\n", "\n");
    }

    /// <summary>How DUO's leerweg codes are grouped by the formulas (<see cref="LeerwegGroepen"/>); silver keeps the codes.</summary>
    private static string VsvRows()
    {
        var rows = Datasets.DatasetCatalog.Cbs85368.CbsRows!;
        return string.Join(", ", rows.Codes.Select(kv => $"`{kv.Key} = {kv.Value}`")) + $", topic `{rows.Topic}`";
    }

    private static string LeerwegSection()
    {
        var sb = new StringBuilder("\n## Leerweg codes\nSilver keeps `leerweg` as DUO writes it in each file; the formulas group the codes with `LeerwegGroepen.Of`:\n\n");
        sb.Append("| DUO code | groep | betekenis |\n|---|---|---|\n");
        foreach (var (code, groep, betekenis) in LeerwegGroepen.Codes)
            sb.Append(CultureInfo.InvariantCulture, $"| `{code}` | {groep.ToString().ToUpperInvariant()} | {betekenis} |\n");
        sb.Append("\n`BBL` is the numerator of every bbl share; students' shares divide by BBL + BOL (without extranei), diplomas and\n");
        sb.Append("inflow by all routes. An unknown code is an error naming it (silver's accepted values keep it out of gold).\n");
        return sb.ToString();
    }

    private static string Num(double? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "—";
    private static string Num(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
