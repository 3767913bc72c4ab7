namespace Pipeline.Core.Query;

/// <summary>
/// The <c>jaar</c> values a query can return rows for, from its <c>WHERE</c>: conditions on a constant that all hold
/// (<c>=</c>, <c>IN</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>BETWEEN</c>). A partition whose year fails one
/// of them contributes no row, so it need not be fetched.
/// </summary>
public sealed class YearFilter
{
    private readonly List<Func<long, bool>> _conditions = [];

    public bool IsEmpty => _conditions.Count == 0;

    public void Add(Func<long, bool> condition) => _conditions.Add(condition);

    public bool Allows(int year) => _conditions.All(c => c(year));
}
