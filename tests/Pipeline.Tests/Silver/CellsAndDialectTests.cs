using System.Text;
using Pipeline.Core.Silver;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class CellsAndDialectTests
{
    [TestMethod]
    [DataRow("-1", null, true, DisplayName = "portal suppression -1")]
    [DataRow("<5", null, true, DisplayName = "legacy suppression <5")]
    [DataRow(" ", null, false, DisplayName = "single space is empty, not suppressed")]
    [DataRow("12", 12, false)]
    [DataRow(" 7 ", 7, false)]
    public void CountsReadSuppressionAsNullNeverAsANumber(string raw, int? aantal, bool onderdrukt)
    {
        var (a, o) = Cells.Count("BBL", raw);
        Assert.AreEqual(aantal, a);
        Assert.AreEqual(onderdrukt, o);
    }

    [TestMethod]
    [DataRow("-2")]
    [DataRow("12.0")]
    [DataRow("abc")]
    [DataRow("<10")]
    public void OtherCountsAreBadValuesNamingTheColumn(string raw)
    {
        var e = Assert.ThrowsExactly<BadValueException>(() => Cells.Count("DIPMAN2023", raw));
        Assert.AreEqual("DIPMAN2023", e.Column);
        Assert.AreEqual(raw, e.Value);
    }

    [TestMethod]
    public void SingleSpaceCellsAreNullAndCodesAreTrimmed()
    {
        Assert.IsNull(Cells.Text(" "));
        Assert.AreEqual("28DE", Cells.Required("INSTELLINGSCODE", "28DE  "));
        Assert.ThrowsExactly<BadValueException>(() => Cells.Required("INSTELLINGSCODE", " "));
    }

    [TestMethod]
    public void DecimalsFollowTheFileConventionStrictly()
    {
        Assert.AreEqual(79.5, Cells.OptionalDouble("p", "79,5", decimalComma: true));
        Assert.AreEqual(79.5, Cells.OptionalDouble("p", "79.5", decimalComma: false));
        Assert.ThrowsExactly<BadValueException>(() => Cells.OptionalDouble("p", "1.234,5", decimalComma: true));
        Assert.ThrowsExactly<BadValueException>(() => Cells.OptionalDouble("p", "79,5", decimalComma: false));
    }

    [TestMethod]
    public void DetectsBomUtf8CommaDecimalPoint()
    {
        var d = CsvDialectDetector.Detect(File.ReadAllBytes(SilverFixtures.PathOf("studenten-portal.csv")), complete: true);
        Assert.AreEqual(',', d.Delimiter);
        Assert.IsTrue(d.HasBom);
        Assert.AreEqual("utf-8", d.Encoding.WebName);
        Assert.IsFalse(d.DecimalComma);
    }

    [TestMethod]
    public void DetectsSemicolonWindows1252AndDecimalComma()
    {
        var d = CsvDialectDetector.Detect(File.ReadAllBytes(SilverFixtures.PathOf("job-monitor-legacy.csv")), complete: true);
        Assert.AreEqual(';', d.Delimiter);
        Assert.IsFalse(d.HasBom);
        Assert.AreEqual("windows-1252", d.Encoding.WebName);
        Assert.IsTrue(d.DecimalComma);
    }

    [TestMethod]
    public void AMultiByteCharacterCutByTheSampleStillCountsAsUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("a,b\nFryslân,1\n");
        var cut = bytes.AsSpan(0, Array.IndexOf(bytes, (byte)0xC3) + 1); // ends in the middle of 'â'
        Assert.AreEqual("utf-8", CsvDialectDetector.Detect(cut, complete: false).Encoding.WebName);
    }

    [TestMethod]
    public void CbsKeysBecomeSnakeCase()
    {
        Assert.AreEqual("regio_s", CbsNormaliser.SnakeCase("RegioS"));
        Assert.AreEqual("voortijdige_schoolverlaters_1", CbsNormaliser.SnakeCase("VoortijdigeSchoolverlaters_1"));
    }
}
