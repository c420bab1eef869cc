using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NewsFeed.BrowserTests.Support;

namespace NewsFeed.BrowserTests;

/// <summary>With the reader's system set to dark, every page type is dark with light text (and saves a screenshot).</summary>
[Collection(nameof(DarkModeChecks))]
public sealed partial class DarkModeTests(Chromium chromium, ServedSite site) : IClassFixture<ServedSite>
{
    public static TheoryData<string, string, int> Pages => SitePages.All;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_render_dark_with_light_text(string name, string path, int status)
    {
        await using var reader = await Reader.OpenAsync(chromium, site.BaseAddress, Screen.Phone, name, colorScheme: ColorScheme.Dark);
        await reader.GotoAsync(path, status);

        var colors = await reader.Page.EvaluateAsync<string[]>(
            "() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color, getComputedStyle(document.querySelector('h1')).color]");
        var (background, text, heading) = (Luminance(colors[0]), Luminance(colors[1]), Luminance(colors[2]));

        Assert.True(background < 0.05, $"{path}: body background {colors[0]} is not dark");
        Assert.True(text > 0.6, $"{path}: body text {colors[1]} is not light");
        Assert.True(heading > 0.6, $"{path}: the heading's {colors[2]} is not light");
        Assert.True(Contrast(background, text) >= 7, $"{path}: {colors[1]} on {colors[0]} is below 7:1");
    }

    /// <summary>WCAG relative luminance of a computed "rgb(r, g, b)" color.</summary>
    private static double Luminance(string rgb)
    {
        var match = RgbPattern().Match(rgb);
        Assert.True(match.Success, $"Not an opaque rgb() color: {rgb}");
        double Channel(int i)
        {
            var c = double.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture) / 255;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(2)) + (0.0722 * Channel(3));
    }

    private static double Contrast(double a, double b) => (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);

    [GeneratedRegex(@"^rgb\((\d+), (\d+), (\d+)\)$")]
    private static partial Regex RgbPattern();
}
