namespace Pipeline.Core.Tables;

/// <summary>The values of <c>gold/indicatoren.kwaliteit</c>.</summary>
public static class Kwaliteit
{
    public const string Ok = "ok";
    /// <summary>At least one cell was suppressed: waarde uses 2.5 per cell, min/max bound the truth.</summary>
    public const string Onderdrukt = "onderdrukt";
    /// <summary>Provisional source figures (e.g. DUO's newest year).</summary>
    public const string Voorlopig = "voorlopig";
}
