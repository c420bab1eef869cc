using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Rendering;
using NewsFeed.Web.Site;

namespace NewsFeed.Tests.Site;

/// <summary>
/// The chrome's resources (src/NewsFeed.Web/Site/SiteText*.resx) read as files: every language says every phrase, in
/// each of its plural forms, with the same placeholders; and the plural rule they rely on.
/// </summary>
public sealed partial class SiteTextTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "src", "NewsFeed.Web", "Site");

    /// <summary>The language of each SiteText.{code}.resx beside the neutral (English) one.</summary>
    public static TheoryData<string> Translations() => [.. TranslationCodes()];

    private static IEnumerable<string> TranslationCodes() =>
        Directory.GetFiles(Folder, "SiteText.*.resx").Select(f => Path.GetFileName(f).Split('.')[1]).Order(StringComparer.Ordinal);

    [Fact]
    public void Every_edition_other_than_English_has_its_file_and_every_file_is_an_edition()
    {
        var editions = new Editions("en").All.Select(e => e.Code).Where(c => c != "en").Order(StringComparer.Ordinal);

        Assert.Equal(editions, TranslationCodes());
        Assert.NotEmpty(editions);
    }

    [Fact]
    public void The_fingerprint_of_the_words_written_ahead_reads_every_file_as_it_is()
    {
        // Parts of article pages are written at import with these words (ArticleMarkup); the views are made again when
        // the fingerprint changes, so it must cover every language's file, each entry as the file says it.
        var entries = SiteText.Entries().ToLookup(e => e.Culture, e => (e.Key, e.Value));
        var files = new[] { ("", "SiteText.resx") }.Concat(TranslationCodes().Select(code => (code, $"SiteText.{code}.resx")));

        foreach (var (culture, file) in files)
        {
            Assert.Equal(Read(file).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, (string?)e.Value)), entries[culture].OrderBy(e => e.Key, StringComparer.Ordinal));
        }

        Assert.Equal(files.Count(), entries.Count);
        Assert.Matches("^[0-9a-f]{16}$", SiteText.Fingerprint);
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_language_has_every_phrase_of_the_neutral_file_and_no_other(string language)
    {
        var neutral = Read("SiteText.resx");
        var translated = Read($"SiteText.{language}.resx");

        Assert.Equal(Plain(neutral).Order(StringComparer.Ordinal), Plain(translated).Order(StringComparer.Ordinal));
        Assert.Equal(PluralKeys(neutral).Keys.Order(StringComparer.Ordinal), PluralKeys(translated).Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    [InlineData("")]
    public void Every_counted_phrase_has_exactly_the_plural_forms_of_its_language(string language)
    {
        var keys = PluralKeys(Read(FileOf(language)));

        Assert.NotEmpty(keys);
        foreach (var (key, forms) in keys)
        {
            Assert.True(
                Plurals.CategoriesOf(language.Length == 0 ? "en" : language).SequenceEqual(forms),
                $"{FileOf(language)}: {key} has the forms {string.Join(", ", forms)}");
        }
    }

    [Theory]
    [MemberData(nameof(Translations))]
    [InlineData("")]
    public void No_phrase_is_empty(string language)
    {
        foreach (var (key, value) in Read(FileOf(language)))
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"{FileOf(language)}: {key} is empty");
        }
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void A_translation_fills_in_the_same_placeholders_as_the_English(string language)
    {
        var neutral = Read("SiteText.resx");
        foreach (var (key, value) in Read($"SiteText.{language}.resx"))
        {
            // A plural form is compared with the English forms of its phrase ("few" has no English twin).
            var english = neutral.Where(n => BaseOf(n.Key) == BaseOf(key)).Select(n => n.Value).ToList();
            Assert.NotEmpty(english);
            foreach (var form in english)
            {
                Assert.True(Placeholders(form).SetEquals(Placeholders(value)), $"{key}: '{value}' and '{form}' fill in different places");
            }
        }
    }

    [Fact]
    public void Dates_read_as_before_in_English_and_as_Ukrainian_writes_them()
    {
        var date = new DateTime(2025, 9, 15, 8, 0, 0, DateTimeKind.Utc);

        Assert.Equal(TimeTagHelper.DateFormat, Read("SiteText.resx")["Date.Format"]);
        Assert.Equal("September 15, 2025", date.ToString(Read("SiteText.resx")["Date.Format"], CultureInfo.GetCultureInfo("en-US")));
        // The month in the genitive, and no "р." after the year.
        Assert.Equal("15 вересня 2025", date.ToString(Read("SiteText.uk.resx")["Date.Format"], CultureInfo.GetCultureInfo("uk-UA")));
    }

    [Theory]
    [InlineData(0, "many")]
    [InlineData(1, "one")]
    [InlineData(2, "few")]
    [InlineData(4, "few")]
    [InlineData(5, "many")]
    [InlineData(11, "many")]
    [InlineData(12, "many")]
    [InlineData(14, "many")]
    [InlineData(20, "many")]
    [InlineData(21, "one")]
    [InlineData(22, "few")]
    [InlineData(24, "few")]
    [InlineData(25, "many")]
    [InlineData(101, "one")]
    [InlineData(111, "many")]
    [InlineData(112, "many")]
    [InlineData(1000, "many")]
    [InlineData(1001, "one")]
    [InlineData(1002, "few")]
    public void Ukrainian_numbers_take_one_few_or_many(long count, string form) =>
        Assert.Equal(form, Plurals.CategoryOf(CultureInfo.GetCultureInfo("uk-UA"), count));

    [Theory]
    [InlineData(0, "other")]
    [InlineData(1, "one")]
    [InlineData(2, "other")]
    [InlineData(21, "other")]
    public void English_numbers_take_one_or_other(long count, string form) =>
        Assert.Equal(form, Plurals.CategoryOf(CultureInfo.GetCultureInfo("en-GB"), count));

    [Fact]
    public void Any_count_finds_its_form_in_every_language_and_carries_the_number()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var text = new StringLocalizer<SiteText>(factory);
        var cultures = new Editions("en").All.Select(e => e.Culture).ToList();
        var was = CultureInfo.CurrentUICulture;
        try
        {
            Gen.Long[0, 5_000_000_000].Sample(count =>
            {
                foreach (var culture in cultures)
                {
                    CultureInfo.CurrentUICulture = culture;
                    var phrase = text.Plural("Authors.ArticleCount", count);
                    Assert.False(phrase.ResourceNotFound, $"{culture.Name}: no form for {count}");
                    Assert.Contains(count.ToString(CultureInfo.InvariantCulture), phrase.Value, StringComparison.Ordinal);
                }
            });
        }
        finally
        {
            CultureInfo.CurrentUICulture = was;
        }
    }

    private static string FileOf(string language) => language.Length == 0 ? "SiteText.resx" : $"SiteText.{language}.resx";

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static IEnumerable<string> Plain(Dictionary<string, string> phrases) => phrases.Keys.Where(k => BaseOf(k) == k);

    /// <summary>Each counted phrase with the forms its file gives, in the file's order.</summary>
    private static Dictionary<string, List<string>> PluralKeys(Dictionary<string, string> phrases) =>
        phrases.Keys.Where(k => BaseOf(k) != k).GroupBy(BaseOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(k => k[(g.Key.Length + 1)..]).ToList(), StringComparer.Ordinal);

    private static string BaseOf(string key) => PluralSuffix().Replace(key, "");

    private static HashSet<string> Placeholders(string value) => [.. Placeholder().Matches(value).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("_(one|two|few|many|other|zero)$")]
    private static partial Regex PluralSuffix();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
