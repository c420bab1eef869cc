using System.Diagnostics;
using System.Text.Json;

namespace NewsFeed.Tests.Support;

/// <summary>
/// The W3C's Nu Html Checker (vnu.jar, from npm's vnu-jar as pinned in .ci/vnu/package.json) run by Java over a batch
/// of pages in one call: the JVM takes seconds to start, so every page a test collects goes in the same run.
/// </summary>
public static class NuHtmlChecker
{
    /// <summary>Overrides where vnu.jar is, e.g. a jar outside the repository.</summary>
    public const string JarVariable = "NEWSFEED_VNU_JAR";

    public static string JarPath => Environment.GetEnvironmentVariable(JarVariable) is { Length: > 0 } path
        ? path
        : Path.Combine(RepoPaths.Root, ".ci", "vnu", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>The java on PATH, or null.</summary>
    public static string? Java { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "java"))
        .FirstOrDefault(File.Exists);

    /// <summary>Why the checker cannot run here, or null when it can.</summary>
    public static string? Missing =>
        Java is null ? "java is not on PATH (apt-get install default-jre-headless; .ci/run does it)"
        : !File.Exists(JarPath) ? $"vnu.jar is not at {JarPath} (npm ci --ignore-scripts --prefix .ci/vnu; .ci/run does it), or set {JarVariable}"
        : null;

    /// <summary>
    /// Checks each page (name → HTML) and returns its errors and warnings, each as "name:line: error|warning: message
    /// (extract)"; empty when all are valid. Plain information (a trailing slash on a void element) is not counted.
    /// </summary>
    public static async Task<List<string>> ErrorsAsync(IReadOnlyDictionary<string, string> pages, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("newsfeed-vnu-").FullName;
        try
        {
            var files = new List<string>();
            foreach (var (name, html) in pages)
            {
                var file = Path.Combine(folder, name + ".html");
                await File.WriteAllTextAsync(file, html, cancellationToken);
                files.Add(file);
            }

            var start = new ProcessStartInfo(Java!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-jar", JarPath, "--format", "json", "--stdout", "--exit-zero-always" }.Concat(files))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var diagnostics = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            Assert.True(process.ExitCode == 0, $"vnu.jar exited with {process.ExitCode}: {await diagnostics}");

            using var report = JsonDocument.Parse(await output);
            return [.. report.RootElement.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error" || IsWarning(m))
                .Select(m =>
                {
                    // The checker names each file by a URL ("file:/tmp/.../name.html"); the page's name is the file's name.
                    var name = m.TryGetProperty("url", out var u) && u.GetString() is { } url ? Path.GetFileNameWithoutExtension(url[(url.LastIndexOf('/') + 1)..]) : "?";
                    var line = m.TryGetProperty("lastLine", out var l) ? l.GetInt32() : 0;
                    var extract = m.TryGetProperty("extract", out var e) ? e.GetString() : null;
                    return $"{name}:{line}: {(IsWarning(m) ? "warning" : "error")}: {m.GetProperty("message").GetString()}" + (extract is null ? "" : $" ({extract.ReplaceLineEndings(" ")})");
                })];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The checker's warnings are messages of type "info" with subType "warning".
    private static bool IsWarning(JsonElement message) =>
        message.GetProperty("type").GetString() == "info" && message.TryGetProperty("subType", out var sub) && sub.GetString() == "warning";
}
