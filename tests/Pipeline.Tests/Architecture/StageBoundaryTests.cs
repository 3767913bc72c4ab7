using System.Reflection;
using System.Text.RegularExpressions;

namespace Pipeline.Tests.Architecture;

/// <summary>
/// Gold and Alerts are separate stages: neither namespace refers to the other. What they share (the gold tables, the
/// indicator catalog) lives in neutral namespaces, and the orchestration is the only place that knows both.
/// </summary>
[TestClass]
public sealed partial class StageBoundaryTests
{
    private static readonly Assembly Core = typeof(Pipeline.Core.Alerts.AlertService).Assembly;

    [TestMethod]
    [DataRow("Gold", "Alerts")]
    [DataRow("Alerts", "Gold")]
    public void No_source_file_of_one_stage_names_the_other(string stage, string other)
    {
        var folder = Path.Combine(RepoRoot.Find(), "shared", "Pipeline.Core", stage);
        var files = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).ToList();
        Assert.IsNotEmpty(files);
        var reference = new Regex($@"\b(using\s+Pipeline\.Core\.{other}\b|(Pipeline\.Core\.)?{other}\.[A-Z]\w*)");
        var offending = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: Code(line))))
            .Where(l => reference.IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.IsEmpty(offending, string.Join("\n", offending));
    }

    [TestMethod]
    [DataRow("Pipeline.Core.Gold", "Pipeline.Core.Alerts")]
    [DataRow("Pipeline.Core.Alerts", "Pipeline.Core.Gold")]
    public void No_type_of_one_stage_has_a_member_of_a_type_of_the_other(string stage, string other)
    {
        var types = Core.GetTypes().Where(t => t.Namespace == stage).ToList();
        Assert.IsNotEmpty(types);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var offending = new List<string>();
        foreach (var t in types)
        {
            var used = new List<Type?> { t.BaseType };
            used.AddRange(t.GetInterfaces());
            used.AddRange(t.GetFields(all).Select(f => f.FieldType));
            used.AddRange(t.GetProperties(all).Select(p => p.PropertyType));
            foreach (var m in t.GetMethods(all))
            {
                used.Add(m.ReturnType);
                used.AddRange(m.GetParameters().Select(p => p.ParameterType));
            }
            used.AddRange(t.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType));
            offending.AddRange(used.OfType<Type>().SelectMany(Flatten).Where(u => u.Namespace == other).Select(u => $"{t.FullName} uses {u.FullName}"));
        }
        Assert.IsEmpty(offending.Distinct().ToList(), string.Join("\n", offending.Distinct()));
    }

    /// <summary>A type with its generic arguments and element type: <c>Task&lt;IReadOnlyList&lt;Alert&gt;&gt;</c> names <c>Alert</c>.</summary>
    private static IEnumerable<Type> Flatten(Type t)
    {
        yield return t;
        if (t.HasElementType && t.GetElementType() is { } e)
            foreach (var x in Flatten(e)) yield return x;
        if (t.IsGenericType)
            foreach (var x in t.GetGenericArguments().SelectMany(Flatten)) yield return x;
    }

    /// <summary>A line without its comment (<c>//</c> or <c>///</c> to the end).</summary>
    private static string Code(string line) => LineComment().Replace(line, "");

    [GeneratedRegex(@"//.*$")]
    private static partial Regex LineComment();
}
