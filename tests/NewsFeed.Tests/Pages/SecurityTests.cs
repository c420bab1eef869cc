using System.Net;
using NewsFeed.Tests.Support;

namespace NewsFeed.Tests.Pages;

/// <summary>Script in content never reaches a reader's browser; headers back that up.</summary>
public sealed class SecurityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Script_in_every_field_of_a_seed_is_shown_as_text()
    {
        const string Evil = "<script>alert(1)</script><img src=x onerror=alert(1)>";
        using var seeds = SeedFolder.Create()
            .Write("authors/evil.md", $"---\nname: \"Evil {Evil}\"\njob_title: \"{Evil}\"\n---\n{Evil} [x](javascript:alert(1))\n")
            .Write("evil.md", $"""
                ---
                headline: "Headline {Evil}"
                slug: evil
                dek: "Dek {Evil}"
                author: evil
                section: "Section {Evil}"
                tags: ["Tag {Evil}"]
                image:
                  alt: "Alt {Evil}"
                  caption: "Caption {Evil}"
                  credit: "Credit {Evil}"
                related:
                  - url: https://example.org/x
                    title: "Title {Evil}"
                    excerpt: "Excerpt {Evil}"
                ---
                Body {Evil}

                [link](javascript:alert(1)) <a href="javascript:alert(1)">raw</a>
                """);
        using var app = new NewsFeedApp(seeds);

        foreach (var url in new[] { "/", "/articles/evil" })
        {
            var page = await app.GetPageAsync(url);
            Assert.Empty(page.QuerySelectorAll("main script, main img[onerror], main [onerror]"));
            Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
            Assert.Contains("<script>alert(1)</script>", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        // The only scripts are the site's own files, and one JSON-LD data block whose values stayed inside it.
        var article = await app.GetPageAsync("/articles/evil");
        var scripts = article.QuerySelectorAll("script");
        var data = Assert.Single(scripts, s => s.GetAttribute("type") == "application/ld+json");
        Assert.All(scripts.Where(s => s != data), s => Assert.StartsWith("/js/", s.GetAttribute("src"), StringComparison.Ordinal));
        Assert.All(scripts.Where(s => s != data), s => Assert.Empty(s.TextContent));
        Assert.DoesNotContain("<", data.TextContent, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(data.TextContent);
        Assert.Equal($"Headline {Evil}", json.RootElement.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        using var seeds = SeedFolder.Create();
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();

        foreach (var url in new[] { "/", "/articles/missing" })
        {
            using var response = await client.GetAsync(url, Ct);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task Media_serves_files_under_seeds_images_and_nothing_outside()
    {
        using var seeds = SeedFolder.Create()
            .WriteBytes("images/photo.png", TestImages.Png(1600, 900))
            .Write("secret.md", "---\nheadline: Secret\npublished: 2025-01-01\n---\nx\n")
            .With(new MarkdownArticle("With photo").WithSlug("with-photo").WithField("image:\n  src: images/photo.png\n  alt: A photo"));
        using var app = new NewsFeedApp(seeds);
        using var client = app.CreateClient();

        // A photograph's address leads to its largest variant, which carries no metadata.
        using var image = await client.GetAsync("/media/photo.png", Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal((1600, 900), TestImages.Read(await image.Content.ReadAsByteArrayAsync(Ct)) is var read ? (read.Width, read.Height) : default);
        foreach (var url in new[] { "/media/../secret.md", "/media/%2e%2e/secret.md", "/media/..%2fsecret.md", "/media/missing.png" })
        {
            using var outside = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        }

        var page = await app.GetPageAsync("/articles/with-photo");
        var img = page.One("figure.hero img");
        Assert.Matches("^/img/[0-9a-f]{20}/1200\\.jpg$", img.GetAttribute("src"));
        Assert.Equal("A photo", img.GetAttribute("alt"));
        Assert.Equal("eager", img.GetAttribute("loading"));
    }
}
