namespace Pipeline.Bench.Inputs;

/// <summary>A programme as the DUO files name it: name, SBB sector chamber, main group.</summary>
public sealed record Opleiding(string Naam, string Sectorkamer, string Hoofdgroep)
{
    /// <summary>Qualification names as long as the real ones (about 55 characters), which sets the files' bytes per row.</summary>
    public static readonly IReadOnlyList<Opleiding> All =
    [
        new("Verzorgende individuele gezondheidszorg, thuiszorg en intramurale zorg", "Zorg, welzijn en sport", "Zorg en welzijn"),
        new("Software developer, applicatie- en mediaontwikkeling", "ICT en creatieve industrie", "ICT"),
        new("Logistiek medewerker warehousing, transport en distributie", "Mobiliteit, transport, logistiek en maritiem", "Logistiek"),
        new("Entreeopleiding assistent dienstverlening en zorg", "Entree", "Entree"),
        new("Pedagogisch medewerker kinderopvang en jeugdzorg", "Zorg, welzijn en sport", "Welzijn"),
        new("Kok, zelfstandig werkend kok en gespecialiseerd kok", "Voedsel, groen en gastvrijheid", "Horeca en bakkerij"),
        new("Eerste monteur elektrotechnische installaties woning en utiliteit", "Techniek en gebouwde omgeving", "Techniek"),
        new("Medewerker marketing, communicatie en evenementen", "Handel", "Economie en administratie"),
        new("Doktersassistent en apothekersassistent in de eerstelijnszorg", "Zorg, welzijn en sport", "Zorg en welzijn"),
        new("Timmerman, allround timmerman bouw en onderhoud", "Techniek en gebouwde omgeving", "Bouw en infra"),
    ];

    /// <summary>The programme for a crebo code, so a code always has one name.</summary>
    public static Opleiding For(long crebo) => All[(int)(crebo % All.Count)];
}
