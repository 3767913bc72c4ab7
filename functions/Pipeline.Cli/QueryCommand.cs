using System.CommandLine;
using System.Text;
using Pipeline.Core.Lake;
using Pipeline.Core.Query;

namespace Pipeline.Cli;

/// <summary><c>pipeline query "SQL"</c> and <c>pipeline query --tables</c>: the lake's silver and gold tables as DuckDB views.</summary>
public static class QueryCommand
{
    public static Command Create(Option<string?> lake)
    {
        var sql = new Argument<string?>("sql")
        {
            Description = "The SQL to run; every silver and gold table is a view by its plain name (see --tables).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var tables = new Option<bool>("--tables") { Description = "List the tables, their columns and what they mean, instead of running a query." };
        var format = new Option<QueryFormat>("--format")
        {
            Description = "Output: text (aligned, default), csv or json.", DefaultValueFactory = _ => QueryFormat.Text,
        };
        var outFile = new Option<FileInfo?>("--out") { Description = "Write the output to this file instead of the terminal." };
        var cache = new Option<DirectoryInfo?>("--cache")
        {
            Description = "Blob lake: where the Parquet files a query reads are kept locally (default: a folder under the temp folder).",
        };
        var command = new Command("query",
            "SQL over the lake with the embedded DuckDB. Works on a disk and a Blob lake (Blob: only the tables the query reads, and " +
            "for a WHERE on jaar with =, IN, <, >, BETWEEN a constant only those partitions, are fetched into a local cache, again " +
            "only when they changed). A query DuckDB rejects prints its message and exits with 2.")
            { sql, lake, tables, format, outFile, cache };
        command.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            var text = r.GetValue(sql);
            var listTables = r.GetValue(tables);
            if (string.IsNullOrWhiteSpace(text) == !listTables)
            {
                await error.WriteLineAsync(
                    "Give either a SQL query or --tables, e.g. pipeline query \"SELECT status, count(*) FROM trajecten GROUP BY 1\".");
                return 2;
            }
            var store = Program.Configuration(r.GetValue(lake)).CreateLake();
            var output = new StringWriter();
            var rows = 0;
            if (listTables)
                await TableListing.WriteAsync(store, output, ct);
            else
            {
                QueryResult result;
                try { result = await new LakeQuery(store, r.GetValue(cache)?.FullName).RunAsync(text!, ct); }
                catch (QueryException e)
                {
                    await error.WriteLineAsync(e.Message);
                    return 2;
                }
                QueryOutput.Write(result, r.GetValue(format), output);
                rows = result.Rows.Count;
            }
            if (r.GetValue(outFile) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, output.ToString(), new UTF8Encoding(false), ct);
                if (!listTables) await r.InvocationConfiguration.Output.WriteLineAsync($"{rows} row(s) written to {file.FullName}.");
            }
            else
                await r.InvocationConfiguration.Output.WriteAsync(output.ToString());
            return 0;
        });
        return command;
    }
}
