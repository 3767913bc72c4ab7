namespace Pipeline.Core.Query;

/// <summary>One result column: its name and DuckDB type (<c>VARCHAR</c>, <c>BIGINT</c>, …).</summary>
public sealed record QueryColumn(string Name, string Type);

/// <summary>The result of a query, materialised (values as DuckDB.NET returns them; SQL NULL as null).</summary>
public sealed record QueryResult(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>The query itself is wrong (syntax, unknown table or column, a type error): <see cref="Exception.Message"/> is DuckDB's.</summary>
public sealed class QueryException(string message, Exception inner) : Exception(message, inner);
