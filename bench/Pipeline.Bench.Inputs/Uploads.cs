using Pipeline.Core.Gold;
using Pipeline.Core.Indicators;

namespace Pipeline.Bench.Inputs;

/// <summary>
/// The inputs without an API, in the project's upload formats (README, "Inputs without an API"): JOB-monitor results
/// per institution for 2022 and 2024 (<c>job/</c>), and an ambitions file for every institution (<c>ambities/</c>).
/// </summary>
/// <remarks>
/// Real size (source-formats.md): the 2024 monitor had 209,289 respondents, so about 3,800 per institution; the
/// per-institution publication is the project's own format, here with <see cref="QuestionsPerInstitution"/> questions
/// (the three the indicators read and the rest of a questionnaire of that length).
/// </remarks>
public static class Uploads
{
    public const int QuestionsPerInstitution = 60;
    public static readonly IReadOnlyList<int> JobYears = [2022, 2024];
    public static readonly IReadOnlyList<string> JobHeader =
        ["instellingscode", "jaar", "thema", "vraag", "respondenten", "percentage_positief", "rapportcijfer"];

    private static readonly (string Thema, string Vraag)[] Read =
    [
        ("veiligheid", "Ik voel me veilig op school"),
        ("stagebegeleiding", "Hoe tevreden ben je over de begeleiding vanuit school tijdens je stage, bpv of werkplek?"),
        ("opleiding", "Welk rapportcijfer geef je je opleiding?"),
    ];
    private static readonly string[] OtherThemes = ["lessen", "docenten", "informatie", "toetsing", "faciliteiten", "sfeer"];

    public static List<GeneratedFile> Write(string root, IReadOnlyList<Institution> institutions)
    {
        var files = new List<GeneratedFile>();
        var rnd = new Random(2024);
        foreach (var year in JobYears)
        {
            var path = Path.Combine("job", $"job-monitor-{year}.csv");
            using var csv = new CsvFile(Path.Combine(root, path), JobHeader);
            foreach (var i in institutions)
            {
                var respondents = 1500 + rnd.Next(0, 4600);
                for (var q = 0; q < QuestionsPerInstitution; q++)
                {
                    var (thema, vraag) = q < Read.Length ? Read[q] : (OtherThemes[q % OtherThemes.Length], $"Vraag {q}: hoe tevreden ben je hierover?");
                    csv.Bare(i.Code).Number((long)year).Bare(thema).Text(vraag).Number((long)respondents);
                    if (thema == "opleiding") csv.Bare("").Number(6.2 + rnd.NextDouble());
                    else csv.Number(45 + rnd.NextDouble() * 45).Bare("");
                    csv.EndRow();
                }
            }
            files.Add(new GeneratedFile(path, null, csv.Rows, csv.Bytes));
        }
        files.Add(Ambitions(root, institutions));
        return files;
    }

    /// <summary>Per institution a start and 2027 target for the share and JOB indicators, and the national vsv target.</summary>
    private static GeneratedFile Ambitions(string root, IReadOnlyList<Institution> institutions)
    {
        var rnd = new Random(2027);
        var path = Path.Combine("ambities", "ambities.csv");
        using var csv = new CsvFile(Path.Combine(root, path), AmbitionsParser.Header.Split(','), bom: false);
        string[] shares = [IndicatorCatalog.AandeelBbl, IndicatorCatalog.AandeelGediplomeerdenBbl, IndicatorCatalog.AandeelInstroomBbl,
            IndicatorCatalog.JobVeiligheid, IndicatorCatalog.JobStagebegeleiding];
        foreach (var i in institutions)
        {
            foreach (var indicator in shares)
            {
                var start = Math.Round(15 + rnd.NextDouble() * 50, 1);
                csv.Bare(i.Code).Bare(indicator).Number(2022L).Number(start).Number(Math.Round(start + 2 + rnd.NextDouble() * 6, 1)).Bare("");
                csv.EndRow();
            }
            var mark = Math.Round(6.2 + rnd.NextDouble() * 0.6, 1);
            csv.Bare(i.Code).Bare(IndicatorCatalog.JobRapportcijferOpleiding).Number(2022L).Number(mark).Number(mark + 0.3).Bare("");
            csv.EndRow();
        }
        csv.Bare(IndicatorCatalog.Landelijk).Bare(IndicatorCatalog.VsvLandelijk).Number(2022L).Number(22000L).Number(18000L).Bare("");
        csv.EndRow();
        return new GeneratedFile(path, null, csv.Rows, csv.Bytes);
    }
}
