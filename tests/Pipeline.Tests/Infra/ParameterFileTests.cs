namespace Pipeline.Tests.Infra;

/// <summary>No parameter file holds a secret: secrets come from the deployer's environment into Key Vault.</summary>
[TestClass]
public sealed class ParameterFileTests
{
    private static IEnumerable<string> ParameterFiles()
    {
        var infra = Path.Combine(RepoRoot.Dir, "infra");
        var built = Path.Combine(RepoRoot.Dir, "artifacts", "infra");
        var files = Directory.GetFiles(infra, "*.json").Concat(Directory.GetFiles(infra, "*.bicepparam"));
        if (Directory.Exists(built)) files = files.Concat(Directory.GetFiles(built, "*.parameters.json"));
        return files;
    }

    [TestMethod]
    public void ParameterFiles_ForAzdDevAndProd_Exist()
    {
        var names = ParameterFiles().Select(Path.GetFileName).ToList();
        CollectionAssert.Contains(names, "main.parameters.json");
        CollectionAssert.Contains(names, "dev.bicepparam");
        CollectionAssert.Contains(names, "prod.bicepparam");
    }

    [TestMethod]
    public void ParameterFiles_HoldNoSecretLiteral()
    {
        var findings = ParameterFiles().SelectMany(f => ParameterFileScanner.Scan(Path.GetFileName(f), File.ReadAllText(f))).ToList();
        Assert.IsEmpty(findings, string.Join(Environment.NewLine, findings));
    }

    [TestMethod]
    [DataRow("p.json", """{ "parameters": { "smtpPassword": { "value": "hunter2hunter2" } } }""", DisplayName = "json password literal")]
    [DataRow("p.json", """{ "parameters": { "alertWebhookUrl": { "value": "https://hooks.example/abc" } } }""", DisplayName = "json webhook literal")]
    [DataRow("p.json", """{ "parameters": { "lake": { "value": "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc" } } }""", DisplayName = "json connection string under any name")]
    [DataRow("p.bicepparam", "param smtpPassword = 'hunter2'", DisplayName = "bicepparam password literal")]
    [DataRow("p.bicepparam", "param apiKey = 12345", DisplayName = "bicepparam numeric key")]
    public void Scanner_FlagsSecretLiterals(string file, string text)
    {
        Assert.IsNotEmpty(ParameterFileScanner.Scan(file, text).ToList());
    }

    [TestMethod]
    [DataRow("p.json", """{ "parameters": { "smtpPassword": { "value": "${ALERTS_SMTP_PASSWORD=}" } } }""", DisplayName = "azd reference")]
    [DataRow("p.json", """{ "parameters": { "smtpPassword": { "value": "" } } }""", DisplayName = "empty")]
    [DataRow("p.json", """{ "parameters": { "smtpPassword": { "reference": { "keyVault": { "id": "/x" }, "secretName": "s" } } } }""", DisplayName = "Key Vault reference")]
    [DataRow("p.bicepparam", "param smtpPassword = readEnvironmentVariable('ALERTS_SMTP_PASSWORD', '')", DisplayName = "environment variable")]
    [DataRow("p.bicepparam", "param smtpPassword = az.getSecret('sub', 'rg', 'kv', 'smtp')", DisplayName = "getSecret")]
    [DataRow("p.bicepparam", "param location = 'westeurope'", DisplayName = "ordinary parameter")]
    public void Scanner_AcceptsReferencesAndEmptyValues(string file, string text)
    {
        Assert.IsEmpty(ParameterFileScanner.Scan(file, text).ToList());
    }
}
