using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NewsFeed.Tests.Support;

/// <summary>
/// Debian's varnishd (with varnish-modules' xkey) on a free loopback port, running the VCL committed under
/// deploy/varnish with its two backends pointed at the given instances; stopped and its work folder deleted on dispose.
/// </summary>
public sealed partial class Varnish : IAsyncDisposable
{
    public const string Daemon = "/usr/sbin/varnishd";

    private readonly Process _process;
    private readonly string _folder;

    private Varnish(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Why the shared-cache tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        !File.Exists(Daemon) ? "varnishd is not installed (apt-get install varnish varnish-modules; .ci/run does it)"
        // Where Debian puts vmods (/usr/lib/<triplet>/varnish/vmods/), as .ci/run looks: a walk of all /usr/lib can
        // meet a loop of directory links and never end.
        : !Directory.GetDirectories("/usr/lib").Any(d => File.Exists(Path.Combine(d, "varnish", "vmods", "libvmod_xkey.so"))) ? "varnish-modules (xkey) is not installed"
        : null;

    /// <summary>Starts varnishd on <paramref name="port"/> (see <see cref="FreePort"/>) in front of <paramref name="instances"/>.</summary>
    public static async Task<Varnish> StartAsync(int port, params Uri[] instances)
    {
        var folder = Directory.CreateTempSubdirectory("newsfeed-varnish-").FullName;
        var vcl = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "varnish", "newsfeed.vcl"));
        var ports = new Queue<int>(instances.Select(i => i.Port));
        vcl = BackendPort().Replace(vcl, _ => $".port = \"{ports.Dequeue()}\";");
        var vclPath = Path.Combine(folder, "newsfeed.vcl");
        await File.WriteAllTextAsync(vclPath, vcl);

        var start = new ProcessStartInfo(Daemon) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", "-j", "none", "-a", $"127.0.0.1:{port}", "-T", "none", "-f", vclPath, "-n", Path.Combine(folder, "work"), "-s", "malloc,32m", "-p", "http_resp_hdr_len=32k", "-p", "http_resp_size=64k" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var varnish = new Varnish(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { BaseAddress = varnish.Address };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/about");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return varnish;
                }
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                // Not listening yet.
            }

            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                await varnish.DisposeAsync();
                throw new InvalidOperationException("varnishd did not start serving the site");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // varnishd's shared memory files can linger a moment; the folder is in /tmp.
        }
    }

    /// <summary>A loopback port free now: the instances are told where Varnish will be before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("""\.port = "\d+";""")]
    private static partial Regex BackendPort();
}
