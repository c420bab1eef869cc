using System.Globalization;
using NewsFeed.Tests.Support;

namespace NewsFeed.BrowserTests.Support;

/// <summary>
/// The corpus the browser suite reads: 45 articles (feed pages of 20, 20 and 5), two authors, three tags, two
/// sections, illustrations, and one word ("lighthouse") that search finds in three articles. Small on purpose.
/// Beside them, 22 in Ukrainian (<c>lang: uk</c>, on <c>/uk/</c> only: no author, tag or section), two of which have
/// the word "маяк".
/// </summary>
public static class Newsroom
{
    public const int ArticleCount = 45;
    public const string SearchWord = "lighthouse";

    public static readonly string[] Tags = ["Harbour", "Weather", "Markets"];

    public static readonly int[] LighthouseStories = [3, 17, 41];

    public const int UkrainianCount = 22;
    public const string UkrainianSearchWord = "маяк";

    public static readonly int[] UkrainianLighthouseStories = [4, 21];

    public static string UkrainianHeadline(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"Історія {number:00}: новини з портового містечка");

    /// <summary>Story 1 is the newest, so the feed lists them in number order.</summary>
    public static Story Article(int number) => new(
        number,
        string.Create(CultureInfo.InvariantCulture, $"Story {number:00}: news from the harbour town"),
        string.Create(CultureInfo.InvariantCulture, $"story-{number:00}"),
        number % 2 == 0 ? "Ana Ruiz" : "Ben Okoro",
        Tags[number % 3],
        number % 4 == 0 ? "Culture" : "News");

    public static SeedFolder Create()
    {
        var seeds = SeedFolder.Create()
            .Write("images/pier.svg", Illustration("#2f6f9f"))
            .Write("images/authors/ana-ruiz.svg", Illustration("#9f2f5c"))
            .Write("authors/ana-ruiz.md", "---\nname: Ana Ruiz\njob_title: Harbour correspondent\navatar: images/authors/ana-ruiz.svg\n---\nAna Ruiz covers the port, the boats and the people who work there.\n")
            .Write("authors/ben-okoro.md", "---\nname: Ben Okoro\njob_title: Weather desk\n---\nBen Okoro writes about storms, tides and the forecast.\n");

        for (var number = 1; number <= ArticleCount; number++)
        {
            var story = Article(number);
            var body = "The council met on Tuesday to talk about the quay, the ferry timetable and the winter market.\n\n" +
                (LighthouseStories.Contains(number) ? "The old lighthouse was lit again for the first time in years.\n\n" : "") +
                // A long unbroken address: the phone layout must wrap it rather than scroll sideways.
                "Minutes: <https://example.org/council/minutes/2025/the-quay-the-ferry-timetable-and-the-winter-market-in-full>\n";
            var article = new MarkdownArticle(story.Headline)
                .WithSlug(story.Slug)
                .WithDek("What changed this week, and what happens next.")
                .PublishedOn(new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddHours(-number))
                .By(story.AuthorName == "Ana Ruiz" ? "ana-ruiz" : "ben-okoro")
                .InSection(story.Section)
                .Tagged(story.Tag)
                .WithBody(body);
            if (number % 4 == 1)
            {
                article.WithField("image:\n  src: images/pier.svg\n  alt: The pier at low tide\n  caption: The pier this morning.\n  credit: Ana Ruiz");
            }

            seeds.With(article);
        }

        for (var number = 1; number <= UkrainianCount; number++)
        {
            var body = "Рада зібралася у вівторок, щоб обговорити причал, розклад порома й зимовий ярмарок.\n\n" +
                (UkrainianLighthouseStories.Contains(number) ? "Старий маяк знову засвітили вперше за багато років.\n" : "");
            seeds.With(new MarkdownArticle(UkrainianHeadline(number))
                .WithSlug(string.Create(CultureInfo.InvariantCulture, $"istoriia-{number:00}"))
                .PublishedOn(new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddHours(-number))
                .WithBody(body)
                .WithField("lang: uk"));
        }

        return seeds;
    }

    private static string Illustration(string colour) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\" width=\"320\" height=\"180\"><rect width=\"320\" height=\"180\" fill=\"{colour}\"/><circle cx=\"240\" cy=\"60\" r=\"30\" fill=\"#f4d35e\"/></svg>\n";

    public sealed record Story(int Number, string Headline, string Slug, string AuthorName, string Tag, string Section);
}
