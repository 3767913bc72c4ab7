using Pipeline.Core.Silver;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class DataDictionaryTests
{
    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) dir = dir.Parent;
        Assert.IsNotNull(dir, "repository root (Pipeline.sln) not found above the test output");
        return Path.Combine([dir.FullName, .. parts]);
    }

    [TestMethod]
    public void DocsLakeMdSilverSectionMatchesTheSchemaDefinitions()
    {
        var doc = File.ReadAllText(RepoFile("docs", "lake.md"));
        Assert.AreEqual(DataDictionary.SilverSection().Trim('\n'), DataDictionary.Current(doc),
            "docs/lake.md is out of date: run `pipeline docs` (dotnet run --project functions/Pipeline.Cli -- docs) and commit it");
    }

    [TestMethod]
    public void EverySilverTableAndColumnIsDocumented()
    {
        var section = DataDictionary.SilverSection();
        foreach (var s in SilverSchemas.All)
        {
            StringAssert.Contains(section, $"### `{s.TableName}`");
            foreach (var c in s.Columns) StringAssert.Contains(section, $"| `{c.Name}` | {c.Column.SqlType} |");
        }
    }

    [TestMethod]
    public void ApplyingKeepsTheHandWrittenPartsOfTheDocument()
    {
        var doc = $"# Lake\n\nintro\n\n{DataDictionary.Begin}\nold\n{DataDictionary.End}\n\n## After\n";
        var updated = DataDictionary.Apply(doc);
        StringAssert.StartsWith(updated, "# Lake\n\nintro\n\n");
        StringAssert.EndsWith(updated, "\n\n## After\n");
        Assert.IsFalse(updated.Contains("\nold\n"));
    }
}
