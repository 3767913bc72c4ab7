using Microsoft.Extensions.Configuration;
using Pipeline.Core.Silver;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class SilverOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [TestMethod]
    public void Without_settings_a_file_with_more_than_a_tenth_of_a_percent_bad_rows_is_rejected()
    {
        var o = SilverOptions.FromConfiguration(Config());
        Assert.IsFalse(o.BadRows.RejectsFile(badRows: 1, totalRows: 1000));
        Assert.IsTrue(o.BadRows.RejectsFile(badRows: 2, totalRows: 1000));
        Assert.AreEqual(100_000, o.Writer.RowGroupSize);
    }

    [TestMethod]
    public void Configured_policy_and_row_group_size_are_used()
    {
        var o = SilverOptions.FromConfiguration(Config(("Silver:MaxBadRowFraction", "0.01"), ("Silver:RowGroupSize", "5000")));
        Assert.IsFalse(o.BadRows.RejectsFile(badRows: 10, totalRows: 1000));
        Assert.IsTrue(o.BadRows.RejectsFile(badRows: 11, totalRows: 1000));
        Assert.AreEqual(5000, o.Writer.RowGroupSize);
    }

    [TestMethod]
    [DataRow("Silver:MaxBadRowFraction", "veel")]
    [DataRow("Silver:MaxBadRowFraction", "1.5")]
    [DataRow("Silver:RowGroupSize", "0")]
    [DataRow("Silver:MemoryBudgetMB", "veel")]
    [DataRow("Silver:MemoryBudgetMB", "16")]
    [DataRow("Silver:MemoryBudgetMB", "300.5")]
    public void Invalid_settings_are_refused_naming_the_key(string key, string value)
    {
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => SilverOptions.FromConfiguration(Config((key, value))));
        StringAssert.Contains(e.Message, key);
    }

    [TestMethod]
    public void The_memory_budget_sizes_row_groups_and_key_fingerprints_and_defaults_to_256_MB()
    {
        var byDefault = SilverOptions.FromConfiguration(Config());
        var doubled = SilverOptions.FromConfiguration(Config(("Silver:MemoryBudgetMB", "512")));

        Assert.AreEqual(4L << 20, byDefault.Writer.RowGroupBytes, "a sixty-fourth of 256 MB per buffered row group");
        Assert.AreEqual(new SilverOptions().Writer.RowGroupBytes, byDefault.Writer.RowGroupBytes);
        Assert.AreEqual(2 * byDefault.Writer.RowGroupBytes, doubled.Writer.RowGroupBytes);
        Assert.AreEqual(2 * byDefault.KeyFingerprintsInMemory, doubled.KeyFingerprintsInMemory);
        Assert.IsLessThanOrEqualTo(256L << 20 >> 4, byDefault.KeyFingerprintsInMemory * 10L / 7 * sizeof(ulong), "the key set's slots fit in a sixteenth");
    }
}
