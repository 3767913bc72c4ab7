using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Pipeline.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: Debian's python3-aiosmtpd (<c>apt-get install -y python3-aiosmtpd</c>) with its
/// Maildir handler, so every accepted message is a file we can read back. Can be stopped and started again on the
/// same port to simulate an outage.
/// </summary>
public sealed class AiosmtpdServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _maildir = Directory.CreateTempSubdirectory("smtp-maildir-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Host => "127.0.0.1";

    public static AiosmtpdServer Start()
    {
        var s = new AiosmtpdServer();
        // Python's Maildir creates tmp/new/cur only when the folder itself does not exist yet.
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(s._maildir, sub));
        s.Resume();
        return s;
    }

    /// <summary>Starts (again) on the same port.</summary>
    public void Resume()
    {
        if (_process is { HasExited: false }) return;
        var psi = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"{Host}:{Port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir },
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{Python} not found: install Debian's python3-aiosmtpd (apt-get install -y python3-aiosmtpd).", e);
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited ({_process.ExitCode}): {_process.StandardError.ReadToEnd()} " +
                                                    "— is python3-aiosmtpd installed (apt-get install -y python3-aiosmtpd)?");
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException($"aiosmtpd did not listen on {Host}:{Port} within 20 s.");
    }

    /// <summary>Stops the server: connections are refused until <see cref="Resume"/>.</summary>
    public void Stop()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Messages received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var dir = Path.Combine(_maildir, "new");
        if (!Directory.Exists(dir)) return [];
        return Directory.GetFiles(dir).Select(f => (File: f, Time: File.GetLastWriteTimeUtc(f))).OrderBy(x => x.Time).ThenBy(x => x.File)
            .Select(x => MimeMessage.Load(x.File)).ToList();
    }

    public void Dispose()
    {
        Stop();
        try { Directory.Delete(_maildir, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
