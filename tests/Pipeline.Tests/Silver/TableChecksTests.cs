using Pipeline.Core.Silver;

namespace Pipeline.Tests.Silver;

[TestClass]
public sealed class TableChecksTests
{
    private static object?[] Job(int jaar, string code, string vraag) => [jaar, code, "veiligheid", vraag, 10, 50.0, null];

    [TestMethod]
    public void DuplicateKeysAreFoundInMemoryWithAnExample()
    {
        using var checks = new TableChecks(SilverSchemas.JobMonitor);
        checks.Observe(Job(2024, "25LH", "q1"));
        checks.Observe(Job(2024, "25LH", "q2"));
        checks.Observe(Job(2024, "25LH", "q1"));

        var unique = checks.Complete(3, 3, 0, 3).Single(c => c.Check == "unique");
        Assert.IsFalse(unique.Passed);
        Assert.AreEqual(1, unique.Failures);
        StringAssert.Contains(unique.Detail, "(2024, 25LH, veiligheid, q1)");
    }

    [TestMethod]
    public void DuplicateKeysAreStillFoundAfterTheFingerprintsSpillToDisk()
    {
        using var checks = new TableChecks(SilverSchemas.JobMonitor);
        const int n = 1_200_000; // beyond the in-memory limit of 2^20 keys
        for (var i = 0; i < n; i++) checks.Observe(Job(2024, "25LH", "q" + i));
        for (var i = 0; i < 3; i++) checks.Observe(Job(2024, "25LH", "q" + i)); // three repeats, all after the spill

        var unique = checks.Complete(n + 3, n + 3, 0, n + 3).Single(c => c.Check == "unique");
        Assert.AreEqual(3, unique.Failures);
        Assert.IsFalse(unique.Passed);
    }

    [TestMethod]
    public void RowCountReconciliationFailsWhenRowsGoMissing()
    {
        using var checks = new TableChecks(SilverSchemas.JobMonitor);
        checks.Observe(Job(2024, "25LH", "q1"));
        var results = checks.Complete(sourceRows: 3, acceptedRows: 1, rejectedRows: 1, rowsWritten: 1);
        Assert.IsFalse(results.Single(c => c.Check == "row_count_reconciliation").Passed);
        Assert.IsTrue(results.Single(c => c.Check == "rows_written").Passed);
    }
}
