using Microsoft.Azure.WebJobs.Host.Executors;

namespace Pipeline.Functions;

/// <summary>A host id from configuration (<c>Pipeline:HostId</c>): lowercase letters, digits and dashes, at most 32.</summary>
public sealed class FixedHostIdProvider : IHostIdProvider
{
    private readonly string _id;

    public FixedHostIdProvider(string id)
    {
        if (id.Length is 0 or > 32 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw new ArgumentException($"Pipeline:HostId '{id}' must be 1-32 lowercase letters, digits or dashes.");
        _id = id;
    }

    public Task<string> GetHostIdAsync(CancellationToken cancellationToken) => Task.FromResult(_id);
}
