using CsCheck;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;
using NewsFeed.Web.Site;

namespace NewsFeed.Tests.Seeding;

/// <summary><c>lang:</c> and <c>translation_of:</c> over generated values: each is read as an edition or an error at its line, never anything else.</summary>
public sealed class LanguageFieldTests
{
    // Letters of tags, separators, and what else an editor may type there (spaces, quotes, YAML's own marks), written as
    // a single-quoted YAML scalar: the field's own rule is under test here, not YAML's (SeedMutationTests has those).
    private static readonly Gen<string> Value = Gen.Char["ukenUKENaAzZ-_ 01'\":#[]{}&*!|>%@`\u0456\u0443\u043a"].Array[0, 12].Select(c => new string(c));

    [Fact]
    public Task Lang_is_an_edition_code_or_an_error_at_its_line() =>
        Value.SampleAsync(async value =>
        {
            var document = await TestReader.ReadMarkdownAsync($"---\nheadline: Story\nslug: story\npublished: 2025-09-15\nlang: {Quoted(value)}\n---\nBody.\n");
            if (document.Article is { } article)
            {
                // Accepted: nothing (an empty value) or a known code, as given in any case and with any region.
                Assert.True(article.Language is null or "en" or "uk", $"lang: {value} read as {article.Language}");
            }
            else
            {
                Assert.Contains(document.Problems, p => p.IsError && p.Line == 5);
            }
        }, iter: 2_000);

    [Fact]
    public Task Translation_of_is_a_slug_or_an_error_at_its_line() =>
        Value.SampleAsync(async value =>
        {
            var document = await TestReader.ReadMarkdownAsync($"---\nheadline: Story\nslug: story\npublished: 2025-09-15\ntranslation_of: {Quoted(value)}\n---\nBody.\n");
            if (document.Article is { TranslationOf: { } slug })
            {
                Assert.True(Slug.IsValid(slug), $"translation_of: {value} read as '{slug}'");
            }
            else if (document.Article is null)
            {
                Assert.Contains(document.Problems, p => p.IsError && p.Line == 5);
            }
        }, iter: 2_000);

    private static string Quoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    [Theory]
    [InlineData("en", "en", "en", "", "English")]
    [InlineData("en-GB", "en", "en-GB", "", "English")]
    [InlineData("uk", "uk", "uk", "", "Українська")]
    public void The_sites_language_is_the_default_edition_at_the_root(string siteLanguage, string code, string tag, string prefix, string name)
    {
        var editions = new Editions(siteLanguage);
        Assert.Equal((code, tag, prefix, name), (editions.Default.Code, editions.Default.Tag, editions.Default.Prefix, editions.Default.Name));
        // The other edition lives under its code.
        var other = Assert.Single(editions.All, e => e != editions.Default);
        Assert.Equal("/" + other.Code, other.Prefix);
        Assert.Equal(other.Code == "uk" ? "uk-UA" : "en-US", other.Culture.Name);
    }
}
