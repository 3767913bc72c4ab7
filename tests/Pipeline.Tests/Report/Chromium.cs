using System.Diagnostics;

namespace Pipeline.Tests.Report;

/// <summary>
/// Debian's <c>chromium</c>, headless (installed by <c>.ci/run</c>). Runs with verbose logging so every load the page
/// makes shows up on stderr: <c>FileURLLoader::Start</c> for files, <c>NotifyBeforeURLRequest</c> for the network.
/// </summary>
public static class Chromium
{
    public sealed record Result(int Exit, string Stdout, string Stderr);

    public static string? Find() =>
        new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Opens <paramref name="file"/> with <paramref name="action"/> (<c>--dump-dom</c>, <c>--screenshot=…</c>) and waits.</summary>
    public static async Task<Result> RunAsync(string binary, string file, string action, string profile, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=1", "--no-first-run",
                     "--disable-background-networking", "--disable-sync", "--disable-component-update", "--disable-default-apps",
                     $"--user-data-dir={profile}", "--window-size=1200,2000", action, new Uri(file).AbsoluteUri,
                 })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish {action} {file} within 2 minutes.");
        }
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// What the page loaded besides itself: files other than <paramref name="page"/>, network requests (the browser's
    /// own calls to Google's update and account services excepted), and failed loads.
    /// </summary>
    public static IReadOnlyList<string> ForeignLoads(string stderr, string page)
    {
        var self = new Uri(page).AbsoluteUri;
        var found = new List<string>();
        foreach (var line in stderr.Split('\n'))
        {
            if (line.Contains("FileURLLoader::Start: ", StringComparison.Ordinal) && !line.TrimEnd().EndsWith(self, StringComparison.Ordinal))
                found.Add(line.Trim());
            else if (line.Contains("NotifyBeforeURLRequest: ", StringComparison.Ordinal) && !IsBrowserOwn(line))
                found.Add(line.Trim());
            else if (line.Contains("Failed to load resource", StringComparison.Ordinal))
                found.Add(line.Trim());
        }
        return found;
    }

    private static bool IsBrowserOwn(string line)
    {
        var url = line[(line.IndexOf("NotifyBeforeURLRequest: ", StringComparison.Ordinal) + "NotifyBeforeURLRequest: ".Length)..].Trim();
        return Uri.TryCreate(url, UriKind.Absolute, out var u) &&
               (u.Host.EndsWith(".google.com", StringComparison.Ordinal) || u.Host.EndsWith(".googleapis.com", StringComparison.Ordinal) ||
                u.Host.EndsWith(".gvt1.com", StringComparison.Ordinal));
    }
}
