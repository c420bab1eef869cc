using System.Globalization;
using AngleSharp.Html.Parser;
using CsCheck;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Model;
using NewsFeed.Web.Pages.Articles;
using NewsFeed.Web.Site;

namespace NewsFeed.Tests.Pages;

/// <summary>
/// The parts of an article page written at import by hand (<see cref="ArticleMarkup"/>), not by Razor: every text an
/// editor wrote must reach the reader as that text, whatever it holds, and never as markup.
/// </summary>
public sealed class ArticleMarkupTests
{
    /// <summary>Text with everything markup is made of, quotes, entities' own characters, Cyrillic and a character outside the BMP.</summary>
    private static readonly Gen<string> Text =
        Gen.OneOf<string>("<", ">", "&", "\"", "'", "=", "/", " ", "a", "Я", "’", "<script>alert(1)</script>", "&amp;", "\" onload=\"x", "--!>", "😀", "\u00A0", "ї")
            .Array[1, 8].Select(parts => string.Concat(parts));

    private static readonly Gen<DetailsModel.ArticleView> Article =
        Gen.Select(Text.Array[8, 8], Gen.Bool.Array[4, 4], Gen.OneOf<string>("", "uk"))
            .Select((t, has, language) => new DetailsModel.ArticleView(
                "a-slug", t[0], has[0] ? t[1] : null, t[2], new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc),
                new DateTime(2025, 9, 20, 8, 0, 0, DateTimeKind.Utc), new DetailsModel.Link("a-section", t[3]),
                new HeroImage { Src = has[1] ? "https://pictures.example.org/" + Uri.EscapeDataString(t[4]) : null, Alt = t[4], Caption = t[5], Credit = has[2] ? t[6] : null },
                3, new DetailsModel.AuthorView("an-author", t[6], has[3] ? t[7] : null, "<p>A bio.</p>", null),
                [new DetailsModel.Link("tag-one", t[7]), new DetailsModel.Link("tag-two", t[1])],
                Corrections: [new DetailsModel.CorrectionView(new DateTime(2025, 9, 20, 0, 0, 0, DateTimeKind.Utc), CorrectionKind.Clarification, t[2])],
                Language: language));

    [Fact]
    public void Every_text_reads_back_as_itself_and_no_part_carries_markup_of_its_own()
    {
        var site = new SiteOptions();
        var editions = new Editions("en");
        var parser = new HtmlParser();
        Article.Sample(article =>
        {
            var parts = ArticleMarkup.Write(article, site, editions.Of(article.Language), images: null);
            var top = parser.ParseDocument("<body>" + parts.Top);
            var figure = parser.ParseDocument("<body>" + parts.Figure);
            var end = parser.ParseDocument("<body>" + parts.End);
            var head = parser.ParseDocument("<head>" + parts.Head);

            Assert.Equal(article.Headline, top.One("h1.story-headline").TextContent);
            Assert.Equal(article.Dek, top.QuerySelector("p.story-dek")?.TextContent);
            Assert.Equal(article.Section!.Name, top.One(".story-section a").TextContent);
            Assert.Equal(article.Author!.Name, top.One(".byline-name").TextContent);
            Assert.Equal(article.Author.JobTitle, top.QuerySelector(".byline-title")?.TextContent);
            Assert.Equal(article.Image!.Caption, figure.One("figcaption .caption").TextContent);
            Assert.Equal(article.Image.Credit, figure.QuerySelector("figcaption .credit")?.TextContent);
            if (article.Image.Src is not null)
            {
                Assert.Equal(article.Image.Src, figure.One("img.hero-image").GetAttribute("src"));
                Assert.Equal(article.Image.Alt, figure.One("img.hero-image").GetAttribute("alt"));
            }
            else
            {
                Assert.EndsWith(article.Image.Alt!, figure.One(".hero-alt").TextContent, StringComparison.Ordinal);
            }

            Assert.Equal(article.Tags.Select(t => t.Name), end.QuerySelectorAll(".story-tags a").Select(a => a.TextContent));
            Assert.EndsWith(": " + article.Corrections![0].Text, end.One(".correction").TextContent, StringComparison.Ordinal);
            Assert.Equal(article.Author.Name, end.One(".author-name a").TextContent);
            Assert.Equal(article.Dek ?? article.Excerpt, head.One("meta[name=description]").GetAttribute("content"));
            Assert.Equal(article.Headline, head.One("meta[name='twitter:title']").GetAttribute("content"));
            Assert.Equal(article.Tags.Select(t => t.Name), head.QuerySelectorAll("meta[property='article:tag']").Select(m => m.GetAttribute("content")));

            // Only the markup the writer means: one script (the NewsArticle data), no element or handler from a text.
            Assert.Single(head.QuerySelectorAll("script"));
            foreach (var document in new[] { top, figure, end })
            {
                Assert.Empty(document.QuerySelectorAll("script"));
                Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
            }
        });
    }

    [Fact]
    public void Dates_and_words_are_in_the_articles_language_and_the_callers_culture_is_left_as_it_was()
    {
        var article = Article.Where(a => a.Language == "uk").Single();
        var before = CultureInfo.CurrentCulture;

        var parts = ArticleMarkup.Write(article, new SiteOptions(), new Editions("en").Of("uk"), images: null);

        var top = new HtmlParser().ParseDocument("<body>" + parts.Top);
        Assert.Equal("15 вересня 2025", top.One("time.published").TextContent);
        Assert.Equal("2025-09-15T08:00:00Z", top.One("time.published").GetAttribute("datetime"));
        Assert.StartsWith("3 хв", top.One(".reading-time").TextContent, StringComparison.Ordinal);
        Assert.Same(before, CultureInfo.CurrentCulture);
    }
}
