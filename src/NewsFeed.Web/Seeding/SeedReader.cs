using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Images;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>
/// Step one of the import: turns every seed file into a <see cref="SeedDocument"/>. Never throws for bad
/// content; only a missing seeds folder (a configuration error) throws. Each file is read inside a boundary that
/// turns any exception into a problem of that file, so no file can stop the import, the site or <c>check</c>.
/// </summary>
public sealed partial class SeedReader(MarkdownRenderer renderer, IOptions<SeedOptions> options, ILogger<SeedReader>? logger = null, ImageCatalog? images = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads every seed under <paramref name="root"/>. <paramref name="storedHashes"/>: path to content hash of
    /// what the store holds. A Markdown article whose hash matches is read without
    /// rendering its body (the import will not write it), so a restart with nothing changed is quick. Its body's
    /// warnings are then not reported again: they were reported when that version was imported.
    /// </summary>
    public async Task<IReadOnlyList<SeedDocument>> ReadFolderAsync(
        string root, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? storedHashes = null)
    {
        if (!Directory.Exists(root))
        {
            throw new SeedsFolderMissingException(root);
        }

        return await ReadFilesAsync(root, SeedFiles.List(root), cancellationToken, storedHashes);
    }

    /// <summary>Reads the seeds at <paramref name="paths"/> (relative to <paramref name="root"/>) on every core, in the order given.</summary>
    public async Task<IReadOnlyList<SeedDocument>> ReadFilesAsync(
        string root, IReadOnlyList<string> paths, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? storedHashes = null)
    {
        var documents = new SeedDocument?[paths.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (index, ct) => documents[index] = await ReadFileAsync(root, paths[index], ct, storedHashes));

        return [.. documents.OfType<SeedDocument>()];
    }

    /// <summary>
    /// Reads one seed (with its sidecar); null when the path is not a seed (an image, a sidecar). Whatever the file
    /// holds, this returns a document: an exception nobody expected is our bug, logged once at Error with its stack,
    /// and the file gets an error like any other (skipped, its last good version kept).
    /// </summary>
    public async Task<SeedDocument?> ReadFileAsync(
        string root, string relativePath, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? storedHashes = null)
    {
        var kind = SeedFiles.KindOf(relativePath);
        if (kind == SeedKind.None || (kind == SeedKind.Sidecar && !IsOrphanSidecar(root, relativePath)))
        {
            return null;
        }

        var problems = new List<SeedProblem>();
        try
        {
            return await ReadFileAsync(root, relativePath, kind, problems, storedHashes, cancellationToken);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            LogUnexpected(e, relativePath);
            problems.Add(new SeedProblem(relativePath, 0, 0, ProblemSeverity.Error, UnexpectedFailure(e)));
            return Finish(relativePath, "", problems, null, null);
        }
    }

    /// <summary>The problem an unexpected exception becomes; startup, preview and <c>check</c> all say it in these words.</summary>
    internal static string UnexpectedFailure(Exception e) =>
        $"NewsFeed failed reading this file ({e.GetType().Name}); the file is skipped. This is a bug in NewsFeed, not in the file: please report it with the file";

    private async Task<SeedDocument> ReadFileAsync(string root, string relativePath, SeedKind kind, List<SeedProblem> problems,
        IReadOnlyDictionary<string, string>? storedHashes, CancellationToken cancellationToken)
    {
        var sink = new ProblemSink(relativePath, problems);
        if (kind == SeedKind.Sidecar)
        {
            sink.Warning(0, 0, $"sidecar without its page: '{relativePath[..^".yml".Length]}' does not exist");
            return Finish(relativePath, "", problems, null, null);
        }

        if (kind == SeedKind.Unknown)
        {
            sink.Warning(0, 0, "not a seed format (.md article, .txt page, authors/*.md); ignored");
            return Finish(relativePath, "", problems, null, null);
        }

        var file = await LoadAsync(Path.Combine(root, relativePath), root, sink, cancellationToken);
        var sidecarPath = relativePath + ".yml";
        var sidecarSink = new ProblemSink(sidecarPath, problems);
        SeedText? sidecar = null;
        if (kind == SeedKind.TextPage && File.Exists(Path.Combine(root, sidecarPath)))
        {
            sidecar = await LoadAsync(Path.Combine(root, sidecarPath), root, sidecarSink, cancellationToken);
        }

        var pictures = SeedPictures.Named(file?.Text, sidecar?.Text);
        var hash = SeedPictures.Stamp(Hash(file?.Bytes, sidecar?.Bytes), kind, pictures, images);
        if (file is null || problems.Exists(p => p.IsError))
        {
            return Finish(relativePath, hash, problems, null, null, pictures);
        }

        var storedAsIs = kind == SeedKind.MarkdownArticle && storedHashes is not null
            && storedHashes.TryGetValue(relativePath, out var stored) && stored == hash;
        var context = new SeedContext(root, relativePath, sink, renderer, storedAsIs, images, pictures);
        return kind switch
        {
            SeedKind.Author => Finish(relativePath, hash, problems, null, AuthorFileReader.Read(file.Text, context), pictures),
            SeedKind.MarkdownArticle => Finish(relativePath, hash, problems, MarkdownArticleReader.Read(file.Text, file.LastWriteUtc, context), null, pictures),
            _ => Finish(relativePath, hash, problems, ReadTextPage(file, sidecar?.Text, root, sidecarPath, sidecarSink, context), null, pictures),
        };
    }

    private ArticleSeed? ReadTextPage(SeedText page, string? sidecarText, string root, string sidecarPath, ProblemSink sidecarSink, SeedContext context)
    {
        ArticleFields? sidecar = null;
        if (sidecarText is not null)
        {
            var fields = FrontMatter.Parse(sidecarText, 1, sidecarSink);
            if (fields.Unreadable)
            {
                return null;
            }

            sidecar = ArticleFields.Read(fields, new SeedContext(root, sidecarPath, sidecarSink, renderer, images: images));
            fields.WarnUnknown("the sidecar");
        }

        var article = TextPageReader.Read(page.Text, sidecar, page.LastWriteUtc, context);
        return context.Problems.HasErrors ? null : article;
    }

    private static SeedDocument Finish(string path, string hash, List<SeedProblem> problems, ArticleSeed? article, AuthorSeed? author,
        IReadOnlySet<string>? pictures = null)
    {
        var errors = problems.Exists(p => p.IsError);
        var document = new SeedDocument
        {
            Path = path,
            Hash = hash,
            Pictures = pictures ?? SeedDocument.NoPictures,
            Article = errors ? null : article,
            Author = errors ? null : author,
        };
        document.Problems.AddRange(problems);
        return document;
    }

    private async Task<SeedText?> LoadAsync(string full, string root, ProblemSink problems, CancellationToken cancellationToken)
    {
        try
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null || !target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    problems.Error(0, 0, "the file is a link to a place outside the seeds folder; it is not read");
                    return null;
                }
            }

            if (info.Length > options.Value.MaxSeedFileBytes)
            {
                problems.Error(0, 0, $"the file is {info.Length:N0} bytes; the limit is {options.Value.MaxSeedFileBytes:N0} (NewsFeed:MaxSeedFileBytes)");
                return null;
            }

            var bytes = await File.ReadAllBytesAsync(full, cancellationToken);
            var text = Decode(bytes, problems);
            return text is null ? null : new SeedText(bytes, text, info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Error(0, 0, $"the file cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>UTF-8 (a BOM is allowed); UTF-16 with a BOM is read with a warning; anything else is refused.</summary>
    internal static string? Decode(byte[] bytes, ProblemSink problems)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }
        else if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            problems.Warning(0, 0, "the file is saved as UTF-16; it was read, but please save it as UTF-8");
            var utf16 = span[1] == 0xFE ? Encoding.Unicode : Encoding.BigEndianUnicode;
            var decoded = utf16.GetString(span[2..]);
            // Refused as in UTF-8 below: no seed needs it, and PostgreSQL text cannot hold it at all.
            if (decoded.IndexOf('\0', StringComparison.Ordinal) is var zero and >= 0)
            {
                problems.Error(0, 0, $"the file is binary, not text (a zero character at offset {2 + (bytes.Length - span.Length) + (2 * zero)})");
                return null;
            }

            return Normalize(decoded);
        }

        if (span.IndexOf((byte)0) is var nul and >= 0)
        {
            problems.Error(0, 0, $"the file is binary, not text (a zero byte at offset {nul + (bytes.Length - span.Length)})");
            return null;
        }

        try
        {
            return Normalize(StrictUtf8.GetString(span));
        }
        catch (DecoderFallbackException e)
        {
            problems.Error(0, 0, $"the file is not UTF-8 text (invalid byte at offset {e.Index + (bytes.Length - span.Length)}); save it as UTF-8");
            return null;
        }
    }

    // Line numbers count \n; Windows (\r\n) and old Mac (\r) endings read the same.
    private static string Normalize(string text) => text.ReplaceLineEndings("\n");

    private static bool IsOrphanSidecar(string root, string relativePath) =>
        !File.Exists(Path.Combine(root, relativePath[..^".yml".Length]));

    private static string Hash(byte[]? file, byte[]? sidecar)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(file ?? []);
        if (sidecar is not null)
        {
            sha.AppendData([0]);
            sha.AppendData(sidecar);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed record SeedText(byte[] Bytes, string Text, DateTime LastWriteUtc);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading seed {SeedPath} failed with an unexpected exception; the file is skipped (a bug in NewsFeed)")]
    private partial void LogUnexpected(Exception exception, string seedPath);
}

public sealed class SeedsFolderMissingException(string path)
    : Exception($"The seeds folder '{path}' does not exist. Set NewsFeed:SeedsPath to the folder that holds the articles (a relative path resolves against the content root).")
{
    public string SeedsPath { get; } = path;
}
