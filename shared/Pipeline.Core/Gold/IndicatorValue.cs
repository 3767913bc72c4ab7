namespace Pipeline.Core.Gold;

public static class Kwaliteit
{
    public const string Ok = "ok";
    /// <summary>At least one cell was suppressed: waarde uses 2.5 per cell, min/max bound the truth.</summary>
    public const string Onderdrukt = "onderdrukt";
    /// <summary>Provisional source figures (e.g. DUO's newest year).</summary>
    public const string Voorlopig = "voorlopig";
}

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
