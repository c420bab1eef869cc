using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsFeed.Tests.Hardening;
using NewsFeed.Tests.Support;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Tests.Seeding;

/// <summary>
/// Thousands of mutants of every file in <c>seeds/</c> and of the hostile corpus, each with one to three slips an
/// editor makes by accident, read and validated as the import does. Whatever a slip does, no exception escapes (and
/// none is logged as a bug), a skipped file has an error naming it, and an accepted article has a headline and a body.
/// CsCheck shrinks a failure to its fewest, smallest slips and prints the mutated file; keep it in fuzz/regressions/.
/// </summary>
public sealed class SeedMutationTests
{
    private const int SlipKinds = 13;

    // Characters whose slips change what YAML, Markdown and the page format mean.
    private const string Punctuation = "[]{}\"':,-#&*!|>%@`\t ?~\\";

    private static readonly string[] Insertions =
    [
        "published: [", "tags: [x, y", "related:\n  - [a, b]", "related:\n  - ~", "headline: \"   \"", "draft: yes",
        "image: !!binary eA==", "headline:", "- stray", "image:\n  src: [a]", "tags: {a: b}", "---", "Article image", "Avatar",
        "News Feed", "3 min read", "headline: !Custom x", "section: \"!!!\"", "updated: 2020-01-01", "related:\n  - url: javascript:x",
        "\u200B", "\uFFFE", "{a: b}: c", "? complex\n: key", "&anchor x", "*alias", "<<: {a: b}",
    ];

    private static readonly string[] Odd = ["\0", "\u0007", "\uFEFF", "\u202E", "\uD800", "\uFFFF", "\u00A0", "Ї", "\U0001F600", "\r"];

    private sealed record Source(string Path, string Text);

    private sealed record Slip(int Kind, int Position, int Argument);

    private sealed record Mutant(Source Source, Slip[] Slips)
    {
        public string Text => Slips.Aggregate(Source.Text, Apply);

        public override string ToString() => $"{Source.Path} after {string.Join(", ", Slips.Select(s => s.ToString()))}:\n{Text}";
    }

    private static readonly Lazy<IReadOnlyList<Source>> Sources = new(() =>
    {
        var sources = Directory.EnumerateFiles(RepoPaths.Seeds, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => new Source(Path.GetRelativePath(RepoPaths.Seeds, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        sources.AddRange(HostileSeedCorpus.Entries()
            .Where(e => e.Content.Length < 16_384 && SeedFiles.KindOf(e.Path) is SeedKind.MarkdownArticle or SeedKind.TextPage or SeedKind.Author or SeedKind.Sidecar)
            .Select(e => new Source("corpus/" + e.Path, Encoding.UTF8.GetString(e.Content))));
        return sources.OrderBy(s => s.Path, StringComparer.Ordinal).ToList();
    });

    [Fact]
    public void Thousands_of_slips_in_real_seed_files_never_escape_their_file()
    {
        var sources = Sources.Value;
        var slip = Gen.Select(Gen.Int[0, SlipKinds - 1], Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], (k, p, a) => new Slip(k, p, a));
        var mutants = Gen.Select(Gen.Int[0, sources.Count - 1], slip.Array[1, 3], (i, slips) => new Mutant(sources[i], slips));
        var skipped = 0;
        var accepted = 0;
        using var folders = new ThreadLocal<Folder>(() => new Folder(sources), trackAllValues: true);
        try
        {
            mutants.Sample(mutant =>
            {
                if (folders.Value!.Read(mutant))
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                }
            }, iter: 6_000, threads: Environment.ProcessorCount, print: m => m.ToString());
        }
        finally
        {
            foreach (var folder in folders.Values)
            {
                folder.Dispose();
            }
        }

        // The slips must reach both verdicts, or the property says nothing.
        Assert.True(skipped > 400 && accepted > 400, $"{skipped} skipped, {accepted} accepted");
    }

    /// <summary>One slip an editor makes; positions and arguments are taken modulo what the text has.</summary>
    private static string Apply(string text, Slip slip)
    {
        var lines = text.Split('\n').ToList();
        var line = slip.Position % lines.Count;
        // A character slip lands on a line first, then within it: front-matter lines are short, and each is as likely
        // to be hit as a long body paragraph.
        var at = lines.Take(line).Sum(l => l.Length + 1) + (slip.Argument % (lines[line].Length + 1));
        switch (slip.Kind)
        {
            case 0: // a stray punctuation character
                return text.Insert(at, Punctuation[slip.Position % Punctuation.Length].ToString());
            case 1: // a character deleted
                return text.Length == 0 ? text : text.Remove(Math.Min(at, text.Length - 1), 1);
            case 2: // a line cut
                lines.RemoveAt(line);
                break;
            case 3: // a line doubled
                lines.Insert(line, lines[line]);
                break;
            case 4: // indented
                lines[line] = new string(' ', 1 + (slip.Argument % 4)) + lines[line];
                break;
            case 5: // indent lost
                lines[line] = lines[line].TrimStart();
                break;
            case 6: // the file cut short (a save interrupted)
                return text[..at];
            case 7: // a list (or an open list) where a text belongs
                var colon = lines[line].IndexOf(':', StringComparison.Ordinal);
                lines[line] = colon < 0 ? "[" + lines[line] : lines[line][..(colon + 1)] + (slip.Argument % 2 == 0 ? " [a, b]" : " [a, b");
                break;
            case 8: // two lines swapped
                var other = (line + 1) % lines.Count;
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
            case 9: // a field or chrome line pasted in
                lines.Insert(line, Insertions[slip.Argument % Insertions.Length]);
                break;
            case 10: // an odd character
                return text.Insert(at, Odd[slip.Position % Odd.Length]);
            case 11: // a tab for indentation
                lines[line] = "\t" + lines[line];
                break;
            default: // a quote opened and never closed
                var value = lines[line].IndexOf(": ", StringComparison.Ordinal);
                lines[line] = value < 0 ? lines[line] + "\"" : lines[line].Insert(value + 2, slip.Argument % 2 == 0 ? "\"" : "'");
                break;
        }

        return string.Join('\n', lines);
    }

    /// <summary>A seeds folder of a thread's own: every source file, one of which a mutant replaces while it is read.</summary>
    private sealed class Folder : IDisposable
    {
        private readonly SeedFolder _seeds = SeedFolder.Create();
        private readonly RecordingLogger<SeedReader> _logger = new();
        private readonly SeedReader _reader;
        private readonly IReadOnlyList<SeedDocument> _baseline;

        public Folder(IReadOnlyList<Source> sources)
        {
            foreach (var source in sources)
            {
                _seeds.Write(source.Path, source.Text);
            }

            foreach (var image in Directory.EnumerateFiles(Path.Combine(RepoPaths.Seeds, "images"), "*", SearchOption.AllDirectories))
            {
                _seeds.WriteBytes(Path.Combine("images", Path.GetRelativePath(Path.Combine(RepoPaths.Seeds, "images"), image)), File.ReadAllBytes(image));
            }

            _reader = new SeedReader(TestReader.Renderer, Options.Create(new SeedOptions()), _logger);
            _baseline = _reader.ReadFolderAsync(_seeds.Root, CancellationToken.None).GetAwaiter().GetResult();
        }

        /// <summary>Reads and validates the mutant beside the other files; true when its article or author is accepted.</summary>
        public bool Read(Mutant mutant)
        {
            var path = mutant.Source.Path;
            // A sidecar is read with its page.
            var page = path.EndsWith(".txt.yml", StringComparison.Ordinal) && File.Exists(_seeds.PathOf(path[..^4])) ? path[..^4] : path;
            _seeds.Write(path, mutant.Text);
            _logger.Entries.Clear();
            try
            {
                var document = _reader.ReadFileAsync(_seeds.Root, page, CancellationToken.None).GetAwaiter().GetResult();
                var bug = _logger.Entries.FirstOrDefault(e => e.Level >= LogLevel.Error);
                if (bug is not null)
                {
                    throw new InvalidOperationException($"the reader logged a bug: {bug.Message}", bug.Exception);
                }

                if (document is null)
                {
                    return false;
                }

                // A file the reader refuses has no article or author; one refused against the others (a slug taken, a
                // translation_of: that no longer pairs) keeps what it read, and the import skips it for its errors.
                var unreadable = document.HasErrors;
                var all = _baseline.Where(d => d.Path != page).Select(d => d.Copy()).Append(document).ToList();
                SeedValidator.Validate(all);
                Assert.All(document.Problems, p => Assert.True(p.Path == page || p.Path == page + ".yml", $"problem names {p.Path}"));
                if (document.HasErrors)
                {
                    if (unreadable)
                    {
                        Assert.Null(document.Article);
                        Assert.Null(document.Author);
                    }

                    Assert.Contains(document.Problems, p => p.IsError && p.Message.Length > 0);
                    return false;
                }

                if (document.Article is { } article)
                {
                    Assert.False(VisibleText.IsBlank(article.Headline), "an accepted article with a blank headline");
                    Assert.True(Slug.IsValid(article.Slug), $"slug '{article.Slug}'");
                    Assert.NotNull(article.Html);
                    return true;
                }

                if (document.Author is { } author)
                {
                    Assert.False(VisibleText.IsBlank(author.Name), "an accepted author with a blank name");
                    return true;
                }

                return false;
            }
            finally
            {
                _seeds.Write(path, mutant.Source.Text);
            }
        }

        public void Dispose() => _seeds.Dispose();
    }
}
