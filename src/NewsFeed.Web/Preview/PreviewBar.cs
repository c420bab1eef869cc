using System.Security.Cryptography;
using System.Text;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Preview;

/// <summary>What the problems bar on every preview page says; null when no seed file has a problem.</summary>
public sealed record PreviewBar(int Errors, int Warnings, int Files, IReadOnlyList<string> KeptLastGood, string Fingerprint)
{
    public const string ProblemsUrl = "/_preview/problems";

    public static PreviewBar? From(ImportReport? report)
    {
        if (report is null || report.FilesWithProblems == 0)
        {
            return null;
        }

        // Identifies this set of problems, so a dismissed bar comes back only when the problems change.
        var problems = string.Join('\n', report.Problems);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(problems)))[..16];
        return new PreviewBar(report.Errors, report.Warnings, report.FilesWithProblems,
            [.. report.Files.Where(f => f.KeptLastGood).Select(f => f.Path)], fingerprint);
    }

    public string Summary =>
        $"{Count(Errors, "error")} and {Count(Warnings, "warning")} in {Count(Files, "seed file")}";

    /// <summary>Said when a broken file's older version is what readers see: the edit is not on the site.</summary>
    public string? KeptLastGoodNote => KeptLastGood.Count switch
    {
        0 => null,
        1 => $"{KeptLastGood[0]} is broken: the site still shows its last good version.",
        _ => $"{KeptLastGood.Count} files are broken: the site still shows their last good versions.",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
