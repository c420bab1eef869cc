using CsCheck;
using NewsFeed.Web.Site;

namespace NewsFeed.Tests.Site;

/// <summary>
/// <see cref="SiteOptions.Absolute"/> turns whatever site path an article links to into an address on the site: a
/// path is text an editor wrote, so it must never throw (an exception here once stopped the import) nor leave the site.
/// </summary>
public sealed class AbsoluteUrlTests
{
    // What a path's first segment can hold that Uri reads as something else: a scheme's colon, a drive letter, backslashes.
    private static readonly Gen<string> Path = Gen.OneOf<string>(
        "z", ":", "c:", "a", "%", "%3A", "?", "#", "\\", "/", "//", "..", ".", " ", "<", ">", "&", "Київ", "😀", "\u0000", "@", "http:", "9")
        .Array[0, 12].Select(parts => "/" + string.Concat(parts));

    [Fact]
    public void A_site_path_is_an_address_on_the_site()
    {
        Gen.Select(Path, Gen.OneOf<string>("https://news.example.org/", "https://news.example.org/edition/", "http://localhost:5080")).Sample((path, baseUrl) =>
        {
            var absolute = new Uri(new SiteOptions { BaseUrl = baseUrl }.Absolute(path));

            Assert.Equal(new Uri(baseUrl).GetLeftPart(UriPartial.Authority), absolute.GetLeftPart(UriPartial.Authority));
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("/articles/a-slug", "https://news.example.org/edition/articles/a-slug")]
    [InlineData("/z:a", "https://news.example.org/edition/z:a")]
    [InlineData("/?page=2", "https://news.example.org/edition/?page=2")]
    [InlineData("https://elsewhere.org/x", "https://elsewhere.org/x")]
    public void A_path_goes_under_the_base_and_an_address_stays(string path, string expected) =>
        Assert.Equal(expected, new SiteOptions { BaseUrl = "https://news.example.org/edition/" }.Absolute(path));
}
