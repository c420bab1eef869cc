using System.Globalization;
using NewsFeed.Tests.Support;

namespace NewsFeed.BrowserTests.Support;

/// <summary>
/// The corpus the browser suite reads: 45 articles (feed pages of 20, 20 and 5), two authors, three tags, two
/// sections, illustrations, one word ("lighthouse") that search finds in three articles, and 23 corrections (every
/// even story has one, story 2 a second: /corrections has pages of 20 and 3). Small on purpose.
/// Beside them, 22 in Ukrainian (<c>lang: uk</c>, on <c>/uk/</c> only: no author, tag or section), two of which have
/// the word "маяк"; Ukrainian story 1 translates English story 1.
/// </summary>
public static class Newsroom
{
    public const int ArticleCount = 45;
    public const string SearchWord = "lighthouse";

    public static readonly string[] Tags = ["Harbour", "Weather", "Markets"];

    public static readonly int[] LighthouseStories = [3, 17, 41];

    public const int CorrectionCount = (ArticleCount / 2) + 1;

    public const int UkrainianCount = 22;
    public const string UkrainianSearchWord = "маяк";

    public static readonly int[] UkrainianLighthouseStories = [4, 21];

    /// <summary>The Ukrainian story that translates the English story of the same number: the two link to each other.</summary>
    public const int TranslatedStory = 1;

    public static string UkrainianHeadline(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"Історія {number:00}: новини з портового містечка");

    /// <summary>Story 1 is the newest, so the feed lists them in number order.</summary>
    public static Story Article(int number)
    {
        var published = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc).AddHours(-number);
        // A day after it went out, each even story had its ferry time put right; story 2 was updated later still.
        List<Note> corrections = number % 2 != 0 ? [] :
            [new(published.AddDays(1), "correction", "Correction", string.Create(CultureInfo.InvariantCulture, $"The ferry in story {number} leaves at 9:40, not 9:14."))];
        if (number == 2)
        {
            corrections.Add(new(new DateTime(2025, 3, 5, 9, 0, 0, DateTimeKind.Utc), "update", "Update", "The winter timetable starts on Monday."));
        }

        return new(
            number,
            string.Create(CultureInfo.InvariantCulture, $"Story {number:00}: news from the harbour town"),
            string.Create(CultureInfo.InvariantCulture, $"story-{number:00}"),
            number % 2 == 0 ? "Ana Ruiz" : "Ben Okoro",
            Tags[number % 3],
            number % 4 == 0 ? "Culture" : "News",
            published,
            corrections);
    }

    /// <summary>Every correction of every story, newest first, as /corrections lists them.</summary>
    public static List<(Story Story, Note Note)> AllCorrections() =>
        [.. Enumerable.Range(1, ArticleCount).Select(Article).SelectMany(s => s.Corrections.Select(c => (s, c))).OrderByDescending(x => x.c.DateUtc)];

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
                .PublishedOn(story.PublishedUtc)
                .By(story.AuthorName == "Ana Ruiz" ? "ana-ruiz" : "ben-okoro")
                .InSection(story.Section)
                .Tagged(story.Tag)
                .WithBody(body);
            if (number % 4 == 1)
            {
                article.WithField("image:\n  src: images/pier.svg\n  alt: The pier at low tide\n  caption: The pier this morning.\n  credit: Ana Ruiz");
            }

            if (story.Corrections.Count > 0)
            {
                article.WithField("corrections:\n" + string.Concat(story.Corrections.Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"  - date: {c.DateUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}\n    kind: {c.Kind}\n    text: \"{c.Text}\"\n"))));
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
                .WithField(number == TranslatedStory ? $"lang: uk\ntranslation_of: {Article(number).Slug}" : "lang: uk"));
        }

        return seeds;
    }

    private static string Illustration(string colour) =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\" width=\"320\" height=\"180\"><rect width=\"320\" height=\"180\" fill=\"{colour}\"/><circle cx=\"240\" cy=\"60\" r=\"30\" fill=\"#f4d35e\"/></svg>\n";

    public sealed record Story(int Number, string Headline, string Slug, string AuthorName, string Tag, string Section,
        DateTime PublishedUtc, IReadOnlyList<Note> Corrections);

    /// <summary>One entry of an article's <c>corrections:</c>; <see cref="Label"/> is how the page names its kind.</summary>
    public sealed record Note(DateTime DateUtc, string Kind, string Label, string Text);
}
