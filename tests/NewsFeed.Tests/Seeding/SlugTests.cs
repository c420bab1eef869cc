using CsCheck;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Capturing Kupiansk is Russia's 'strategic goal'", "capturing-kupiansk-is-russias-strategic-goal")]
    [InlineData("  Hello,   World!  ", "hello-world")]
    [InlineData("Crème brûlée at 9am", "creme-brulee-at-9am")]
    [InlineData("Київ", "kyiv")]
    [InlineData("Ukraine's Kupiansk (Куп'янськ)", "ukraines-kupiansk-kupiansk")]
    [InlineData("../../etc", "etc")]
    [InlineData("\uFFFEHeadline\uFFFF here", "headline-here")]
    [InlineData("Lone \uD800 surrogate \uDC00 halves", "lone-surrogate-halves")]
    [InlineData("Plane \U0001FFFE nonchar and \uFDD0", "plane-nonchar-and")]
    [InlineData("Emoji \U0001F600 stays out", "emoji-stays-out")]
    public void Derives_url_slugs(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    /// <summary>The examples of the national table (Resolution No. 55 of the Cabinet of Ministers of Ukraine, 2010).</summary>
    [Theory]
    [InlineData("Алушта Андрій", "alushta-andrii")]
    [InlineData("Борщагівка Борисенко", "borshchahivka-borysenko")]
    [InlineData("Вінниця Володимир", "vinnytsia-volodymyr")]
    [InlineData("Гадяч Богдан Згурський", "hadiach-bohdan-zghurskyi")]
    [InlineData("Ґалаґан Ґорґани", "galagan-gorgany")]
    [InlineData("Донецьк Дмитро Рівне", "donetsk-dmytro-rivne")]
    [InlineData("Олег Есмань", "oleh-esman")]
    [InlineData("Єнакієве Гаєвич Короп'є", "yenakiieve-haievych-koropie")]
    [InlineData("Житомир Жанна Жежелів", "zhytomyr-zhanna-zhezheliv")]
    [InlineData("Закарпаття Казимирчук", "zakarpattia-kazymyrchuk")]
    [InlineData("Медвин Михайленко", "medvyn-mykhailenko")]
    [InlineData("Іванків Іващенко", "ivankiv-ivashchenko")]
    [InlineData("Їжакевич Кадиївка Мар'їне", "yizhakevych-kadyivka-marine")]
    [InlineData("Йосипівка Стрий Олексій", "yosypivka-stryi-oleksii")]
    [InlineData("Київ Коваленко", "kyiv-kovalenko")]
    [InlineData("Лебедин Леонід", "lebedyn-leonid")]
    [InlineData("Миколаїв Маринич", "mykolaiv-marynych")]
    [InlineData("Ніжин Наталія", "nizhyn-nataliia")]
    [InlineData("Одеса Онищенко", "odesa-onyshchenko")]
    [InlineData("Полтава Петро", "poltava-petro")]
    [InlineData("Решетилівка Рибчинський", "reshetylivka-rybchynskyi")]
    [InlineData("Суми Соломія", "sumy-solomiia")]
    [InlineData("Тернопіль Троць", "ternopil-trots")]
    [InlineData("Ужгород Уляна", "uzhhorod-uliana")]
    [InlineData("Фастів Філіпчук", "fastiv-filipchuk")]
    [InlineData("Харків Христина", "kharkiv-khrystyna")]
    [InlineData("Біла Церква Стеценко", "bila-tserkva-stetsenko")]
    [InlineData("Чернівці Шевченко", "chernivtsi-shevchenko")]
    [InlineData("Шостка Кишеньки", "shostka-kyshenky")]
    [InlineData("Щербухи Гоща Гаращенко", "shcherbukhy-hoshcha-harashchenko")]
    [InlineData("Юрій Корюківка", "yurii-koriukivka")]
    [InlineData("Яготин Ярошенко", "yahotyn-yaroshenko")]
    [InlineData("Костянтин Знам'янка Феодосія", "kostiantyn-znamianka-feodosiia")]
    [InlineData("Згорани Розгон", "zghorany-rozghon")]
    [InlineData("ЩУКА ЯЛТА", "shchuka-yalta")]
    [InlineData("Знамʼянка Знам’янка", "znamianka-znamianka")]
    public void Ukrainian_is_written_by_the_national_table(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    private static readonly Gen<string> Mixed = Gen.OneOf(
        Gen.Char["абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯёыэъ'’ʼ"],
        Gen.Char["abcXYZ09 -.,!é"],
        Gen.Char).Array[0, 60].Select(c => new string(c));

    [Fact]
    public void A_derived_slug_is_a_valid_latin_slug_and_the_same_every_time()
    {
        Mixed.Sample(text =>
        {
            var slug = Slug.From(text);
            Assert.True(slug.Length == 0 || Slug.IsValid(slug), $"'{slug}' from '{text}'");
            Assert.Equal(slug, Slug.From(text));
            Assert.DoesNotContain(slug, c => c is >= '\u0400' and <= '\u04FF');
            // Ukrainian letters always give something to link to.
            if (text.Any(c => "абвгґдеєжзиіїйклмнопрстуфхцчшщюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ".Contains(c)))
            {
                Assert.NotEqual("", slug);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Long_text_is_cut_at_a_word_boundary()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("word", 100)));

        Assert.InRange(slug.Length, 100, 120);
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("ok-slug", true)]
    [InlineData("a1", true)]
    [InlineData("Upper", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("-lead", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("..", false)]
    [InlineData("", false)]
    public void Validates_slugs(string slug, bool valid) => Assert.Equal(valid, Slug.IsValid(slug));
}
