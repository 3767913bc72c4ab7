using System.Text.Json.Nodes;

namespace Pipeline.Tests.Infra;

/// <summary>
/// The ARM template that <c>bash infra/build.sh</c> compiles from <c>infra/main.bicep</c>, flattened: every resource of
/// the root template and of every nested module deployment (<c>properties.template</c>), each with the template it sits
/// in so that <c>[variables('…')]</c> and <c>[parameters('…')]</c> can be looked up there.
/// </summary>
internal sealed class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> main = new(() => Load(Path.Combine(RepoRoot.Dir, "artifacts", "infra", "main.json")));

    public static ArmTemplate Main => main.Value;

    public JsonObject Root { get; }
    public IReadOnlyList<ArmResource> Resources { get; }

    private ArmTemplate(JsonObject root)
    {
        Root = root;
        var all = new List<ArmResource>();
        Collect(root, all);
        Resources = all;
    }

    public static ArmTemplate Load(string path)
    {
        if (!File.Exists(path))
            throw new AssertFailedException($"{path} does not exist: run bash infra/build.sh first (it compiles infra/main.bicep).");
        return new ArmTemplate(JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new AssertFailedException($"{path} is empty: run bash infra/build.sh first."));
    }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type, Func<ArmResource, bool> predicate, string what)
    {
        var found = OfType(type).Where(predicate).ToList();
        Assert.HasCount(1, found, $"expected exactly one {what} ({type}) in the compiled template");
        return found[0];
    }

    /// <summary>The value the parent passes to a module parameter of the template <paramref name="inModule"/> sits in.</summary>
    public JsonNode? ModuleParameter(ArmResource inModule, string name)
    {
        var deployment = OfType("Microsoft.Resources/deployments").Single(d => ReferenceEquals(d.Node["properties"]?["template"], inModule.Template));
        return deployment.Node["properties"]?["parameters"]?[name]?["value"];
    }

    /// <summary>Resources are an array, or (languageVersion 2.0) an object keyed by symbolic name.</summary>
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray a => a.OfType<JsonObject>(),
        JsonObject o => o.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static void Collect(JsonObject template, List<ArmResource> into)
    {
        foreach (var r in ResourcesOf(template))
        {
            into.Add(new ArmResource(r, template));
            if (r["properties"]?["template"] is JsonObject nested) Collect(nested, into);
        }
    }
}

/// <summary>One resource and the template it is declared in.</summary>
internal sealed record ArmResource(JsonObject Node, JsonObject Template)
{
    public string Type => (string?)Node["type"] ?? "";

    /// <summary>A property by dotted path (<c>properties.isHnsEnabled</c>), with a <c>[variables('x')]</c> value
    /// replaced by the variable's value from the same template.</summary>
    public JsonNode? Get(string path)
    {
        JsonNode? node = Node;
        foreach (var part in path.Split('.'))
            node = Resolve(node is JsonObject o ? o[part] : null);
        return node;
    }

    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<string>(out var s) &&
            s.StartsWith("[variables('", StringComparison.Ordinal) && s.EndsWith("')]", StringComparison.Ordinal))
            return Template["variables"]?[s["[variables('".Length..^"')]".Length]];
        return value;
    }

    /// <summary>The default value of a parameter of the template this resource sits in.</summary>
    public JsonNode? ParameterDefault(string name) => Template["parameters"]?[name]?["defaultValue"];

    /// <summary>The template this resource sits in, as text: for checks on expressions that are not worth evaluating.</summary>
    public string TemplateText => Template.ToJsonString();
}

/// <summary>The repository root: the folder holding Pipeline.sln, found by walking up from the test assembly.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> path = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln"))) return dir.FullName;
        throw new AssertFailedException($"No Pipeline.sln above {AppContext.BaseDirectory}: the tests must run inside the repository.");
    });

    public static string Dir => path.Value;
}
