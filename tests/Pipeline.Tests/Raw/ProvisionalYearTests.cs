using Pipeline.Core.Sources.Duo;

namespace Pipeline.Tests.Raw;

[TestClass]
public sealed class ProvisionalYearTests
{
    [TestMethod]
    [DataRow("Aantallen per jaar (voorlopige cijfers 2025).", "(voorlopige cijfers 2025)", 2025)]
    [DataRow("De cijfers over 2024 zijn definitief; Voorlopige cijfers 2025", "Voorlopige cijfers 2025", 2025)]
    [DataRow("(voorlopige cijfers 2024) en later (voorlopige cijfers 2025)", "(voorlopige cijfers 2025)", 2025)]
    public void The_provisional_year_note_is_found_in_the_package_notes(string notes, string note, int year)
    {
        var found = ProvisionalYear.Parse(notes);
        Assert.IsNotNull(found);
        Assert.AreEqual(note, found.Value.Note);
        Assert.AreEqual(year, found.Value.Year);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("Alle cijfers zijn definitief.")]
    public void Notes_without_a_provisional_year_give_none(string? notes) => Assert.IsNull(ProvisionalYear.Parse(notes));
}
