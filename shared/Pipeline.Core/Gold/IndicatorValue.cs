namespace Pipeline.Core.Gold;

/// <summary>One computed indicator value: a row of <c>gold/indicatoren</c>.</summary>
public sealed record IndicatorValue(
    string Instellingscode,
    string Indicator,
    int Jaar,
    double? Waarde,
    double? WaardeMin,
    double? WaardeMax,
    double? Teller,
    double? Noemer,
    double? NoemerMin,
    string Kwaliteit,
    SilverSource Bron);
