using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Pipeline.Core.Query;

/// <summary>
/// Which lake tables a query reads, and for which of them only some <c>jaar</c> partitions, read from DuckDB's own
/// parse tree (<c>json_serialize_sql</c>, the json extension is built into the bundled DuckDB). What it cannot judge
/// costs data, never rows: a statement DuckDB will not serialise falls back to every table the SQL names as a word,
/// and a table is pruned only when it occurs once in the query and its <c>WHERE</c> compares its <c>jaar</c> with a constant.
/// </summary>
public sealed class QueryNeeds
{
    private static readonly HashSet<string> IntegerTypes =
        ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"];

    private readonly HashSet<string> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, YearFilter> _years = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the tables came from DuckDB's parse tree (false: the whole-word fallback).</summary>
    public bool FromParseTree { get; private init; }

    public bool Uses(string table) => _tables.Contains(table);

    /// <summary>The years the query can return rows of <paramref name="table"/> for; null when every partition is needed.</summary>
    public YearFilter? YearsOf(string table) => _years.GetValueOrDefault(table);

    public static async Task<QueryNeeds> ReadAsync(DuckDBConnection db, string sql, IEnumerable<string> lakeTables,
        string partitionColumn = "jaar", CancellationToken ct = default)
    {
        var names = lakeTables.ToList();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT json_serialize_sql(CAST(? AS VARCHAR))";
        cmd.Parameters.Add(new DuckDBParameter(sql));
        using var tree = JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync(ct))!);
        if (tree.RootElement.GetProperty("error").GetBoolean())
        {
            // Not a statement DuckDB serialises (or not valid SQL, which DuckDB reports when it runs): every table named.
            var fallback = new QueryNeeds();
            foreach (var t in names.Where(t => Mentions(sql, t))) fallback._tables.Add(t);
            return fallback;
        }

        var needs = new QueryNeeds { FromParseTree = true };
        var occurrences = new List<string>();
        Walk(tree.RootElement, node =>
        {
            if (Type(node) == "BASE_TABLE" && node.TryGetProperty("table_name", out var name)) occurrences.Add(name.GetString()!);
        });
        foreach (var t in names.Where(n => occurrences.Contains(n, StringComparer.OrdinalIgnoreCase))) needs._tables.Add(t);

        // Pruning: a table read once, filtered in the WHERE of the SELECT that reads it. Its WHERE removes every row of a
        // year that fails a condition on it (comparisons with a constant are false for NULL too, so no outer join brings
        // such a row back), so those partitions cannot change the result.
        var once = occurrences.GroupBy(o => o, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1).Select(g => g.Key)
            .Where(needs.Uses).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Walk(tree.RootElement, node =>
        {
            if (Type(node) != "SELECT_NODE" || !node.TryGetProperty("from_table", out var from)) return;
            if (!node.TryGetProperty("where_clause", out var where) || where.ValueKind != JsonValueKind.Object) return;
            if (Sampled(node)) return; // a sample is drawn before the WHERE: fewer partitions would draw other rows
            var tables = new List<(string Table, string Alias)>();
            var single = Type(from) == "BASE_TABLE";
            CollectJoined(from, tables);
            foreach (var condition in Conjuncts(where))
                if (YearCondition(condition, partitionColumn) is { } c
                    && Resolve(c.Qualifier, tables, single) is { } table && once.Contains(table))
                {
                    if (!needs._years.TryGetValue(table, out var filter)) needs._years[table] = filter = new YearFilter();
                    filter.Add(c.Test);
                }
        });
        return needs;
    }

    /// <summary>Whether the SQL mentions the table as a whole word (DuckDB names are case-insensitive).</summary>
    public static bool Mentions(string sql, string table) =>
        Regex.IsMatch(sql, $@"(?<![\w.]){Regex.Escape(table)}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string? Type(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    private static void Walk(JsonElement e, Action<JsonElement> visit)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            visit(e);
            foreach (var p in e.EnumerateObject()) Walk(p.Value, visit);
        }
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var item in e.EnumerateArray()) Walk(item, visit);
    }

    /// <summary>The base tables of a FROM clause reached through joins only (not inside subqueries), with their aliases.</summary>
    private static void CollectJoined(JsonElement from, List<(string Table, string Alias)> tables)
    {
        switch (Type(from))
        {
            case "BASE_TABLE" when from.GetProperty("schema_name").GetString() is "" or "main" && !Sampled(from):
                var name = from.GetProperty("table_name").GetString()!;
                var alias = from.GetProperty("alias").GetString();
                tables.Add((name, string.IsNullOrEmpty(alias) ? name : alias));
                break;
            case "JOIN":
                CollectJoined(from.GetProperty("left"), tables);
                CollectJoined(from.GetProperty("right"), tables);
                break;
        }
    }

    private static bool Sampled(JsonElement e) => e.TryGetProperty("sample", out var s) && s.ValueKind != JsonValueKind.Null;

    private static IEnumerable<JsonElement> Conjuncts(JsonElement where) =>
        Type(where) == "CONJUNCTION_AND" ? where.GetProperty("children").EnumerateArray().SelectMany(Conjuncts) : [where];

    /// <summary>The table a column qualifier names: its alias (or name), or, unqualified, the one table of a plain FROM.</summary>
    private static string? Resolve(string? qualifier, List<(string Table, string Alias)> tables, bool single) =>
        qualifier is null
            ? (single && tables.Count == 1 ? tables[0].Table : null)
            : tables.Where(t => string.Equals(t.Alias, qualifier, StringComparison.OrdinalIgnoreCase)).Select(t => t.Table).SingleOrDefault();

    /// <summary><c>[q.]jaar op constant</c> (either way round), <c>IN (constants)</c> or <c>BETWEEN constant AND constant</c>.</summary>
    private static (string? Qualifier, Func<long, bool> Test)? YearCondition(JsonElement e, string column)
    {
        switch (Type(e))
        {
            case "COMPARE_IN":
                var items = e.GetProperty("children").EnumerateArray().ToList();
                if (items.Count < 2 || Column(items[0], column) is not { } inColumn) return null;
                var values = items.Skip(1).Select(Constant).ToList();
                if (values.Any(v => v is null)) return null;
                var set = values.Select(v => v!.Value).ToHashSet();
                return (inColumn.Qualifier, y => set.Contains(y));
            case "COMPARE_BETWEEN":
                if (Column(e.GetProperty("input"), column) is not { } between
                    || Constant(e.GetProperty("lower")) is not { } low || Constant(e.GetProperty("upper")) is not { } high) return null;
                return (between.Qualifier, y => y >= low && y <= high);
            case "COMPARE_EQUAL" or "COMPARE_LESSTHAN" or "COMPARE_LESSTHANOREQUALTO" or "COMPARE_GREATERTHAN" or "COMPARE_GREATERTHANOREQUALTO":
                var (left, right) = (e.GetProperty("left"), e.GetProperty("right"));
                var op = Type(e)!;
                if (Column(left, column) is { } l && Constant(right) is { } r) return (l.Qualifier, Compare(op, r));
                if (Column(right, column) is { } rc && Constant(left) is { } lv) return (rc.Qualifier, Compare(Mirror(op), lv));
                return null;
            default:
                return null;
        }
    }

    private static Func<long, bool> Compare(string op, long v) => op switch
    {
        "COMPARE_EQUAL" => y => y == v,
        "COMPARE_LESSTHAN" => y => y < v,
        "COMPARE_LESSTHANOREQUALTO" => y => y <= v,
        "COMPARE_GREATERTHAN" => y => y > v,
        _ => y => y >= v,
    };

    /// <summary><c>2020 &lt; jaar</c> is <c>jaar &gt; 2020</c>.</summary>
    private static string Mirror(string op) => op switch
    {
        "COMPARE_LESSTHAN" => "COMPARE_GREATERTHAN",
        "COMPARE_LESSTHANOREQUALTO" => "COMPARE_GREATERTHANOREQUALTO",
        "COMPARE_GREATERTHAN" => "COMPARE_LESSTHAN",
        "COMPARE_GREATERTHANOREQUALTO" => "COMPARE_LESSTHANOREQUALTO",
        _ => op,
    };

    /// <summary>A reference to the partition column, with its table qualifier (alias) if it has one.</summary>
    private sealed record ColumnRef(string? Qualifier);

    private static ColumnRef? Column(JsonElement e, string column)
    {
        if (Type(e) != "COLUMN_REF") return null;
        var parts = e.GetProperty("column_names").EnumerateArray().Select(p => p.GetString()!).ToList();
        if (parts.Count is 0 or > 2 || !string.Equals(parts[^1], column, StringComparison.OrdinalIgnoreCase)) return null;
        return new ColumnRef(parts.Count == 2 ? parts[0] : null);
    }

    /// <summary>An integer constant (not NULL, not a decimal or a string that DuckDB would cast).</summary>
    private static long? Constant(JsonElement e)
    {
        if (Type(e) != "VALUE_CONSTANT") return null;
        var value = e.GetProperty("value");
        var type = value.GetProperty("type").GetProperty("id").GetString()!;
        if (value.GetProperty("is_null").GetBoolean() || !IntegerTypes.Contains(type)) return null;
        var v = value.GetProperty("value");
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
    }
}
