using Microsoft.Azure.WebJobs;

namespace Pipeline.Functions;

/// <summary>Indexes only our trigger class (the default scans every loaded assembly and warns about partial types).</summary>
public sealed class FunctionTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(Functions)];
}
