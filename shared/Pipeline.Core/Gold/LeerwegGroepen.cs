namespace Pipeline.Core.Gold;

/// <summary>The route groups the indicators count in: BBL, BOL (full- and part-time), extranei, and OVO.</summary>
public enum LeerwegGroep { Bbl, Bol, Extraneus, Ovo }

/// <summary>
/// DUO codes the route differently per file: <c>BOLDT</c>/<c>BOLVT</c> (students, diplomas, the inflow files by
/// prior education) and <c>BOL</c> (the inflow files with kinds of inflow); diplomas also have <c>OVO</c>. Silver keeps
/// the code as DUO wrote it; this is the one mapping gold applies.
/// </summary>
public static class LeerwegGroepen
{
    /// <summary>Every DUO code and its group (the table in docs/indicatoren.md is generated from it).</summary>
    public static readonly IReadOnlyList<(string Code, LeerwegGroep Groep, string Betekenis)> Codes =
    [
        ("BBL", LeerwegGroep.Bbl, "beroepsbegeleidende leerweg"),
        ("BOL", LeerwegGroep.Bol, "beroepsopleidende leerweg (instroom met soorten instroom)"),
        ("BOLVT", LeerwegGroep.Bol, "beroepsopleidende leerweg, voltijd"),
        ("BOLDT", LeerwegGroep.Bol, "beroepsopleidende leerweg, deeltijd"),
        ("EX", LeerwegGroep.Extraneus, "extraneus (examen zonder onderwijs)"),
        ("OVO", LeerwegGroep.Ovo, "overig (alleen bij gediplomeerden)"),
    ];

    /// <summary>The group of a DUO code (trimmed, case-insensitive); an unknown code is an error naming it.</summary>
    public static LeerwegGroep Of(string code)
    {
        var c = code.Trim();
        foreach (var (known, groep, _) in Codes)
            if (string.Equals(known, c, StringComparison.OrdinalIgnoreCase)) return groep;
        throw new ArgumentException($"leerweg '{code}' is not a known DUO code ({string.Join(", ", Codes.Select(x => x.Code))})", nameof(code));
    }
}
