using System.Text;
using Pipeline.Core.Gold;

namespace Pipeline.Tests.Gold;

[TestClass]
public sealed class AmbitionsParserTests
{
    private const string H = AmbitionsParser.Header;
    private static readonly HashSet<string> Known = ["25LH", "25PZ", "NL"];

    [TestMethod]
    public void ValidFileGivesAmbitionsWithOptionalTolerance()
    {
        var r = AmbitionsParser.Parse("ambities.csv", Encoding.UTF8.GetBytes("\uFEFF" + H + "\r\n25LH,aandeel_bbl,2022,18.5,24,\r\nNL,vsv_landelijk,2023,23000,18000,400\r\n"), Known);
        Assert.IsTrue(r.IsValid, r.Describe());
        Assert.AreEqual(2, r.Ambitions.Count);
        Assert.AreEqual(new Ambition("25LH", "aandeel_bbl", 2022, 18.5, 24, null, 2), r.Ambitions[0]);
        Assert.AreEqual(400.0, r.Ambitions[1].Tolerantie);
        Assert.AreEqual(0, r.Warnings.Count);
    }

    [TestMethod]
    public void EveryProblemIsListedByLineAndTheWholeFileIsRejected()
    {
        var text = string.Join("\n",
            H,
            "25LH,aandeel_bbl,2022,18,24,",        // 2 ok
            "25LH,aandeel_xyz,2022,18,24,",        // 3 unknown indicator
            "25PZ,aandeel_bbl,2027,18,24,",        // 4 basisjaar not before 2027
            "25LH,aandeel_bbl,2023,19,24,",        // 5 duplicate of line 2
            "25PZ,job_veiligheid,2022,achttig,85,",// 6 non-numeric
            "25PZ,job_stagebegeleiding,2022,60,65,1,5", // 7 column count (decimal comma)
            "25PZ,studenten_totaal,2022,100,200,", // 8 context indicator
            "");
        var r = AmbitionsParser.Parse("ambities.csv", text, Known);
        Assert.IsFalse(r.IsValid);
        Assert.AreEqual(0, r.Ambitions.Count, "a rejected file yields no ambitions at all");
        CollectionAssert.AreEqual(new[] { 3, 4, 5, 6, 7, 8 }, r.Errors.Select(e => e.Line).ToArray(), r.Describe());
        StringAssert.Contains(r.Errors[0].Message, "aandeel_xyz");
        StringAssert.Contains(r.Errors[1].Message, "2027");
        StringAssert.Contains(r.Errors[2].Message, "regel 2");
        StringAssert.Contains(r.Errors[3].Message, "achttig");
        StringAssert.Contains(r.Describe(), "regel 6");
    }

    [TestMethod]
    public void WrongHeaderIsAnErrorOnLineOne()
    {
        var r = AmbitionsParser.Parse("a.csv", "instelling;indicator;basisjaar\n25LH;aandeel_bbl;2022\n");
        Assert.AreEqual(1, r.Errors.Single().Line);
    }

    [TestMethod]
    public void UnknownInstitutionIsAWarningNotAnError()
    {
        var r = AmbitionsParser.Parse("a.csv", H + "\n99XX,aandeel_bbl,2022,18,24,\n", Known);
        Assert.IsTrue(r.IsValid);
        Assert.AreEqual(1, r.Ambitions.Count);
        Assert.AreEqual(2, r.Warnings.Single().Line);
        StringAssert.Contains(r.Warnings[0].Message, "99XX");
    }

    [TestMethod]
    public void InvalidUtf8IsRejected() =>
        Assert.IsFalse(AmbitionsParser.Parse("a.csv", [0x66, 0xFF, 0xFE, 0x0A]).IsValid);

    [TestMethod]
    public void TheBundledSampleIsValid()
    {
        var path = Path.Combine(RepoRoot.Find(), "samples", "ambities", "ambities.csv");
        var r = AmbitionsParser.Parse(path, File.ReadAllBytes(path));
        Assert.IsTrue(r.IsValid, r.Describe());
        Assert.IsTrue(r.Ambitions.Any(a => a is { Instellingscode: "NL", Indicator: "vsv_landelijk", Streefwaarde2027: 18000 }));
    }

    [TestMethod]
    public void AQuotedCommaOrNewlineIsPartOfOneFieldAndErrorsNameThePhysicalLine()
    {
        var text = string.Join("\n",
            H,
            "\"25LH\",aandeel_bbl,2022,18,24,",              // 2 ok, quoted
            "\"25PZ, Den Haag\",aandeel_bbl,2022,18,24,",    // 3 a quoted comma: six fields, not a DUO code (error and warning)
            "\"NL",                                          // 4-5 a quoted newline inside the code (not a DUO code)
            "x\",vsv_landelijk,2022,23500,18000,",
            "25LH,aandeel_xyz,2022,18,24,",                    // 6 unknown indicator
            "");
        var r = AmbitionsParser.Parse("ambities.csv", text, Known);
        CollectionAssert.AreEqual(new[] { 3, 4, 6 }, r.Errors.Select(e => e.Line).ToArray(), r.Describe());
        StringAssert.Contains(r.Errors[0].Message, "geen DUO-instellingscode");
        CollectionAssert.AreEqual(new[] { 3, 4 }, r.Warnings.Select(w => w.Line).ToArray(), r.Describe());
        StringAssert.Contains(r.Warnings[0].Message, "'25PZ, Den Haag'");
        StringAssert.Contains(r.Describe(), "ambities.csv");
    }

    [TestMethod]
    public void AQuoteLeftOpenRejectsTheFile()
    {
        var r = AmbitionsParser.Parse("ambities.csv", H + "\n25LH,aandeel_bbl,2022,18,24,\n\"25PZ,aandeel_bbl,2022,18,24,\n", Known);
        Assert.IsFalse(r.IsValid, r.Describe());
        Assert.AreEqual(3, r.Errors.Single().Line, r.Describe());
    }
}
