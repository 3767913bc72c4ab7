using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Bench.Silver;

/// <summary>
/// Writes a <c>gediplomeerde-mbo-studenten</c>-shaped CSV (wide: DIPMAN/DIPVROUW 2021–2025) of about the requested
/// size, with the portal's quirks (quoted names with commas, -1 suppression, a single-space cell, padded codes).
/// </summary>
public static class DuoFileGenerator
{
    private static readonly string[] Codes = ["25LH", "25PZ", "27GN", "25LP", "25PJ", "28DE", "25MB", "30RR", "25PU", "21CV", "26DD", "27PL", "25PN", "31HZ", "25KZ"];
    private static readonly string[] Leerwegen = ["BBL", "BOLDT", "BOLVT", "EX", "OVO"];

    public static (long Rows, string Sha256) Write(string path, long targetBytes)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var sb = new StringBuilder(1 << 16);
        var enc = new UTF8Encoding(false);
        sb.Append("INSTELLINGSCODE,INSTELLINGSNAAM,PLAATSNAAM INSTELLING,LEERWEG,NIVEAU,ERKENDE OPLEIDING CODE,ERKENDE OPLEIDING NAAM,SECTORKAMER NAAM,HOOFDGROEP NAAM");
        for (var y = 2021; y <= 2025; y++) sb.Append($",DIPMAN{y},DIPVROUW{y}");
        sb.Append("\r\n");
        long written = 0, rows = 0;
        var rnd = new Random(42);
        while (written < targetBytes)
        {
            // Key (code, leerweg, niveau, crebo) unique by construction: crebo carries the row number.
            var code = Codes[rows % Codes.Length];
            sb.Append(code).Append(rows % 97 == 0 ? "  " : "").Append(",\"Instelling ").Append(code).Append(", locatie\",PLAATS,")
              .Append(Leerwegen[rows % 5]).Append(',').Append(rows % 4 + 1).Append(',').Append(25001 + rows)
              .Append(",Opleiding ").Append(rows % 5000).Append(",Zorg en welzijn,").Append(rows % 53 == 0 ? " " : "Zorg");
            for (var i = 0; i < 10; i++)
            {
                var v = rnd.Next(-12, 400);
                sb.Append(',').Append(v < 0 ? -1 : v);
            }
            sb.Append("\r\n");
            rows++;
            if (sb.Length > 60_000) written += Flush(sb, enc, file, hash);
        }
        written += Flush(sb, enc, file, hash);
        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static long Flush(StringBuilder sb, Encoding enc, Stream file, IncrementalHash hash)
    {
        var bytes = enc.GetBytes(sb.ToString());
        sb.Clear();
        file.Write(bytes);
        hash.AppendData(bytes);
        return bytes.Length;
    }
}
