namespace Pipeline.Bench.Inputs;

/// <summary>A programme as the DUO files name it: name, SBB sector chamber, main group.</summary>
public sealed record Opleiding(string Naam, string Sectorkamer, string Hoofdgroep)
{
    public static readonly IReadOnlyList<Opleiding> All =
    [
        new("Verzorgende-IG", "Zorg, welzijn en sport", "Zorg en welzijn"),
        new("Software developer", "ICT en creatieve industrie", "ICT"),
        new("Logistiek medewerker", "Mobiliteit, transport, logistiek en maritiem", "Logistiek"),
        new("Entree", "Entree", "Entree"),
        new("Pedagogisch medewerker", "Zorg, welzijn en sport", "Welzijn"),
        new("Kok", "Voedsel, groen en gastvrijheid", "Horeca en bakkerij"),
        new("Eerste monteur elektrotechnische installaties", "Techniek en gebouwde omgeving", "Techniek"),
        new("Medewerker marketing, communicatie en evenementen", "Handel", "Economie en administratie"),
        new("Doktersassistent", "Zorg, welzijn en sport", "Zorg en welzijn"),
        new("Timmerman", "Techniek en gebouwde omgeving", "Bouw en infra"),
    ];

    /// <summary>The programme for a crebo code, so a code always has one name.</summary>
    public static Opleiding For(long crebo) => All[(int)(crebo % All.Count)];
}
