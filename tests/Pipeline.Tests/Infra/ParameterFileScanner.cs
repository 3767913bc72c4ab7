using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Tests.Infra;

/// <summary>
/// Finds secret literals in deployment parameter files: a parameter whose name says it holds a secret (password,
/// secret, key, token, webhook, connection string) may be empty or a reference to somewhere else
/// (azd's <c>${VAR}</c>, <c>readEnvironmentVariable(…)</c>, <c>getSecret(…)</c>, a Key Vault reference), never a value.
/// Any value that looks like a storage key or connection string is a finding whatever the parameter is called.
/// </summary>
internal static partial class ParameterFileScanner
{
    [GeneratedRegex("password|secret|key|token|webhook|connectionstring|pwd", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"AccountKey=|SharedAccessSignature=|sig=[A-Za-z0-9%]{20,}|[A-Za-z0-9+/]{60,}={0,2}", RegexOptions.IgnoreCase)]
    private static partial Regex SecretShape();

    [GeneratedRegex(@"^\s*param\s+(\w+)\s*=\s*(.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex BicepParam();

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(=[^}]*)?\}$")]
    private static partial Regex AzdReference();

    /// <summary>Findings as "file: parameter: reason".</summary>
    public static IEnumerable<string> Scan(string fileName, string text) =>
        fileName.EndsWith(".bicepparam", StringComparison.OrdinalIgnoreCase) ? ScanBicepParam(fileName, text) : ScanJson(fileName, text);

    private static IEnumerable<string> ScanJson(string file, string text)
    {
        var root = JsonNode.Parse(text);
        var parameters = root?["parameters"] as JsonObject ?? [];
        foreach (var (name, p) in parameters)
        {
            if (p?["reference"] is not null) continue; // a Key Vault reference: the value lives in the vault
            var value = p?["value"];
            if (value is null) continue;
            var literal = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)value! : value.ToJsonString();
            if (SecretShape().IsMatch(literal)) yield return $"{file}: {name}: value looks like a key or connection string";
            else if (SecretName().IsMatch(name) && literal.Length > 0 && !AzdReference().IsMatch(literal))
                yield return $"{file}: {name}: secret-like parameter has a literal value";
        }
    }

    private static IEnumerable<string> ScanBicepParam(string file, string text)
    {
        foreach (Match m in BicepParam().Matches(text))
        {
            var (name, expr) = (m.Groups[1].Value, m.Groups[2].Value);
            if (SecretShape().IsMatch(expr)) yield return $"{file}: {name}: value looks like a key or connection string";
            else if (SecretName().IsMatch(name) && IsNonEmptyLiteral(expr))
                yield return $"{file}: {name}: secret-like parameter has a literal value";
        }
    }

    /// <summary>A quoted string with content, or a number/bool, or an interpolation of literals only.</summary>
    private static bool IsNonEmptyLiteral(string expr)
    {
        expr = expr.Trim();
        if (expr is "''" or "null") return false;
        if (expr.StartsWith('\'')) return !expr.Contains("${", StringComparison.Ordinal);
        return Regex.IsMatch(expr, @"^(-?\d+|true|false)$");
    }
}
