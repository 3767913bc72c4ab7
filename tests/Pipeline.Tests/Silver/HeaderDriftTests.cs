using Pipeline.Core.Silver;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class HeaderDriftTests
{
    private static readonly string[] Students = [.. SilverSchemas.StudentenPerInstelling.ExpectedHeaders];

    [TestMethod]
    public void AMissingColumnIsDriftNamingIt()
    {
        var e = Assert.ThrowsExactly<SchemaDriftException>(() => HeaderMap.Validate("f.csv", Students.Where(h => h != "EX").ToList(), SilverSchemas.StudentenPerInstelling));
        Assert.AreEqual("EX", e.Column);
        StringAssert.Contains(e.Message, "missing");
        StringAssert.StartsWith(e.Message, "f.csv");
    }

    [TestMethod]
    public void AnUnexpectedNewColumnIsDriftNamingIt()
    {
        var e = Assert.ThrowsExactly<SchemaDriftException>(() => HeaderMap.Validate("f.csv", [.. Students, "OVO"], SilverSchemas.StudentenPerInstelling));
        Assert.AreEqual("OVO", e.Column);
        StringAssert.Contains(e.Message, "unexpected");
    }

    [TestMethod]
    public void HeadersMatchTrimmedAndCaseInsensitively()
    {
        var map = HeaderMap.Validate("f.csv", Students.Select(h => " " + h.ToLowerInvariant()).ToList(), SilverSchemas.StudentenPerInstelling);
        Assert.AreEqual(3, map["INSTELLINGSCODE"]);
    }

    [TestMethod]
    public void AYearWithOnlyOneSexColumnIsDrift()
    {
        var header = SilverSchemas.Gediplomeerden.ExpectedHeaders.Concat(["DIPMAN2024", "DIPVROUW2024", "DIPMAN2025"]).ToList();
        var e = Assert.ThrowsExactly<SchemaDriftException>(() => TabularNormalisers.Gediplomeerden(new Pipeline.Core.Datasets.RowContext("f.csv", header)));
        Assert.AreEqual("DIPMAN2025", e.Column);
    }

    [TestMethod]
    public void ADuplicatedColumnIsDrift()
    {
        var e = Assert.ThrowsExactly<SchemaDriftException>(() => HeaderMap.Validate("f.csv", [.. Students, "BBL"], SilverSchemas.StudentenPerInstelling));
        Assert.AreEqual("BBL", e.Column);
    }
}
