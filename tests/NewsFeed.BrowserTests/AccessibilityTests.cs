using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NewsFeed.BrowserTests.Support;

namespace NewsFeed.BrowserTests;

/// <summary>axe-core finds no violations on any page type, in the light and the dark color scheme.</summary>
[Collection(nameof(AccessibilityChecks))]
public sealed class AccessibilityTests(Chromium chromium, ServedSite site) : IClassFixture<ServedSite>
{
    public static TheoryData<string, string, int> Pages => SitePages.All;

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Light_pages_have_no_axe_violations(string name, string path, int status) =>
        HasNoViolationsAsync(name, path, status, ColorScheme.Light);

    [Theory]
    [MemberData(nameof(Pages))]
    public Task Dark_pages_have_no_axe_violations(string name, string path, int status) =>
        HasNoViolationsAsync(name, path, status, ColorScheme.Dark);

    private async Task HasNoViolationsAsync(string name, string path, int status, ColorScheme scheme)
    {
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, Screen.Desktop, name, colorScheme: scheme);
        await reader.GotoAsync(path, status);

        var results = await reader.Page.RunAxe();

        Assert.True(results.Violations.Length == 0, $"axe on {path} ({scheme}):\n" + string.Join("\n", results.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}: {n.Html}\n      {string.Join(" / ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")))));
    }
}
