namespace Pipeline.Core.Indicators;

public enum Direction
{
    /// <summary>Context figure: no ambition trajectory can be set on it.</summary>
    None,
    HigherIsBetter,
    LowerIsBetter,
}

public static class DirectionExtensions
{
    /// <summary>The sign <c>s</c> of the trajectory rules: +1 higher is better, −1 lower is better.</summary>
    public static int Sign(this Direction d) => d switch
    {
        Direction.HigherIsBetter => 1,
        Direction.LowerIsBetter => -1,
        _ => throw new InvalidOperationException("A context indicator has no direction."),
    };

    public static string Dutch(this Direction d) => d switch
    {
        Direction.HigherIsBetter => "hoger is beter",
        Direction.LowerIsBetter => "lager is beter",
        _ => "geen (context)",
    };
}

/// <summary>One indicator of the Werkagenda monitoring: what it means, how it is computed, how strictly it is judged.</summary>
public sealed record IndicatorDefinition(
    string Code,
    string Naam,
    string Doelstelling,
    string Eenheid,
    Direction Richting,
    IReadOnlyList<string> BronTabellen,
    string Formule,
    double? StandaardTolerantie,
    int? MinimumNoemer)
{
    public bool HeeftRichting => Richting != Direction.None;

    /// <summary>The values the unit allows: a percentage 0–100, a report mark 1–10, a count 0 or more.</summary>
    public (double Min, double Max) Bereik => Eenheid switch
    {
        "%" => (0, 100),
        "cijfer (1–10)" => (1, 10),
        _ => (0, double.MaxValue),
    };
}

/// <summary>The indicator catalog. <c>docs/indicatoren.md</c> is generated from it (a test keeps them equal).</summary>
public static class IndicatorCatalog
{
    /// <summary>The instellingscode of national figures.</summary>
    public const string Landelijk = "NL";

    /// <summary>Default minimum denominator (students or respondents) below which a share is too noisy to judge.</summary>
    public const int StandaardMinimumNoemer = 30;

    public const string StudentenTotaal = "studenten_totaal";
    public const string AandeelBbl = "aandeel_bbl";
    public const string GediplomeerdenTotaal = "gediplomeerden_totaal";
    public const string AandeelGediplomeerdenBbl = "aandeel_gediplomeerden_bbl";
    public const string InstroomTotaal = "instroom_totaal";
    public const string AandeelInstroomBbl = "aandeel_instroom_bbl";
    public const string VsvLandelijk = "vsv_landelijk";
    public const string JobVeiligheid = "job_veiligheid";
    public const string JobStagebegeleiding = "job_stagebegeleiding";
    public const string JobRapportcijferOpleiding = "job_rapportcijfer_opleiding";

    private const string Studenten = "mbo_studenten_per_instelling";
    private const string Diplomas = "gediplomeerde_mbo_studenten";
    private const string Instroom = "instromende_mbo_studenten";
    private const string Job = "job_monitor";
    private const string Vsv = "cbs_85368ned";

    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new(StudentenTotaal, "Aantal studenten", "context", "aantal", Direction.None, [Studenten],
            "BBL + BOLDT + BOLVT + EX", null, null),
        new(AandeelBbl, "Aandeel studenten in de bbl", "9", "%", Direction.HigherIsBetter, [Studenten],
            "100 × BBL / (BBL + BOLDT + BOLVT); noemer = BBL + BOLDT + BOLVT", 2.0, StandaardMinimumNoemer),
        new(GediplomeerdenTotaal, "Aantal gediplomeerden", "context", "aantal", Direction.None, [Diplomas],
            "som van alle diploma's (beide geslachten, alle niveaus en leerwegen)", null, null),
        new(AandeelGediplomeerdenBbl, "Aandeel gediplomeerden uit de bbl", "9", "%", Direction.HigherIsBetter, [Diplomas],
            "100 × diploma's met leerweg BBL / alle diploma's; noemer = alle diploma's", 2.0, StandaardMinimumNoemer),
        new(InstroomTotaal, "Aantal instromende studenten", "context", "aantal", Direction.None, [Instroom],
            "som van alle instroom (alle niveaus, leerwegen en opleidingen)", null, null),
        new(AandeelInstroomBbl, "Aandeel instroom in de bbl", "9", "%", Direction.HigherIsBetter, [Instroom],
            "100 × instroom met leerweg BBL / alle instroom; noemer = alle instroom", 2.0, StandaardMinimumNoemer),
        new(VsvLandelijk, "Nieuwe voortijdig schoolverlaters uit het mbo (landelijk)", "3", "aantal", Direction.LowerIsBetter, [Vsv],
            "landelijk aantal nieuwe vsv'ers uit het mbo (rij van het mbo-totaal, jaarcijfer JJ); instellingscode = 'NL'; landelijk doel 18.000",
            500.0, null),
        new(JobVeiligheid, "JOB-monitor: voelt zich veilig op school", "2", "%", Direction.HigherIsBetter, [Job],
            "percentage_positief van thema 'veiligheid'; noemer = respondenten", 3.0, StandaardMinimumNoemer),
        new(JobStagebegeleiding, "JOB-monitor: tevreden over stagebegeleiding", "8", "%", Direction.HigherIsBetter, [Job],
            "percentage_positief van thema 'stagebegeleiding'; noemer = respondenten", 3.0, StandaardMinimumNoemer),
        new(JobRapportcijferOpleiding, "JOB-monitor: rapportcijfer voor de opleiding", "7", "cijfer (1–10)", Direction.HigherIsBetter, [Job],
            "rapportcijfer van thema 'opleiding'; noemer = respondenten", 0.2, StandaardMinimumNoemer),
    ];

    private static readonly Dictionary<string, IndicatorDefinition> ByCode = All.ToDictionary(d => d.Code, StringComparer.Ordinal);

    public static IndicatorDefinition? Find(string code) => ByCode.GetValueOrDefault(code);

    public static IndicatorDefinition Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Unknown indicator '{code}'.");
}
