using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Data;
using NewsFeed.Web.Model;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Corrections;

/// <summary>What an import does with an article's body and the text readers last saw of it.</summary>
public enum BodyVerdict
{
    /// <summary>A draft: nobody reads it, and its changes are not tracked (the text readers saw, if any, stays).</summary>
    NotTracked,

    /// <summary>The text is recorded as what readers see: new, not yet public, unchanged, a typo fix, or owned up to.</summary>
    Record,

    /// <summary>A significant change no new correction owns up to: warned about, and the text readers saw is kept.</summary>
    Warn,
}

public sealed record BodyJudgement(BodyVerdict Verdict, BodyChange? Change = null);

/// <summary>
/// Catches stealth edits: a published article's body changed significantly (<see cref="BodyChange.IsSignificant"/>)
/// with no new <c>corrections</c> entry to tell readers. The one rule, used by the import (which keeps
/// <see cref="PublishedBody"/> up to date) and by <c>check --store</c> (which only reads it).
/// </summary>
/// <remarks>
/// A new entry owns up to a change when it is dated on or after the day the version readers saw was imported (or
/// went public, if later). Until one does, every import compares with that version, not with the last save, so the
/// warning stays however often the editor saves, and goes when a correction is added or the text goes back.
/// </remarks>
public static class StealthEdits
{
    public const string Message = "the body changed since the last import; add a corrections entry if readers should know";

    public static BodyJudgement Judge(PublishedBody? seen, ArticleSeed seed, DateTime nowUtc)
    {
        if (seed.IsDraft)
        {
            return new(BodyVerdict.NotTracked);
        }

        // Nothing recorded yet, or recorded before it went public and still not public: nobody has read it.
        if (seen is null || seen.PublishedUtc > nowUtc || seen.Text == seed.BodyText)
        {
            return new(BodyVerdict.Record);
        }

        var change = BodyChange.Of(seen.Text, seed.BodyText);
        return change.IsSignificant && !OwnsUp(seen, seed) ? new(BodyVerdict.Warn, change) : new(BodyVerdict.Record, change);
    }

    /// <summary>The warning for <paramref name="change"/>, at the body's first line, with what became what.</summary>
    public static void Warn(ProblemSink problems, int bodyLine, BodyChange change) =>
        problems.Warning(Math.Max(bodyLine, 1), 1, $"{Message} ({change.Summary()})");

    /// <summary>Applies a judgement to the stored row (null: none yet); returns the row to keep, or null when none is.</summary>
    public static PublishedBody? Apply(BodyJudgement judgement, PublishedBody? seen, ArticleSeed seed, DateTime nowUtc)
    {
        switch (judgement.Verdict)
        {
            case BodyVerdict.NotTracked:
                return seen;
            case BodyVerdict.Warn:
                seen!.PendingText = seed.BodyText;
                return seen;
        }

        var row = seen ?? new PublishedBody { Slug = seed.Slug, Text = seed.BodyText, ImportedUtc = nowUtc, Corrections = "" };
        if (row.Text != seed.BodyText)
        {
            row.Text = seed.BodyText;
            row.ImportedUtc = nowUtc;
        }

        row.PublishedUtc = seed.PublishedUtc;
        row.Corrections = KeysOf(seed.Corrections);
        row.PendingText = null;
        return row;
    }

    /// <summary>The pending change of one article's body, for preview (null: none).</summary>
    public static async Task<BodyChange?> PendingChangeAsync(NewsDbContext db, string slug, CancellationToken cancellationToken) =>
        (await PendingAsync(db, [slug], cancellationToken)).GetValueOrDefault(slug);

    /// <summary>The pending changes of the given articles' bodies (all, when null), by slug.</summary>
    public static async Task<Dictionary<string, BodyChange>> PendingAsync(NewsDbContext db, IReadOnlyCollection<string>? slugs, CancellationToken cancellationToken)
    {
        var pending = db.PublishedBodies.Where(b => b.PendingText != null);
        if (slugs is not null)
        {
            pending = pending.Where(b => slugs.Contains(b.Slug));
        }

        return (await pending.Select(b => new { b.Slug, b.Text, b.PendingText }).ToListAsync(cancellationToken))
            .ToDictionary(b => b.Slug, b => BodyChange.Of(b.Text, b.PendingText!), StringComparer.Ordinal);
    }

    private static bool OwnsUp(PublishedBody seen, ArticleSeed seed)
    {
        var since = (seen.ImportedUtc > seen.PublishedUtc ? seen.ImportedUtc : seen.PublishedUtc).Date;
        var known = seen.Corrections.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return seed.Corrections.Any(c => c.DateUtc.Date >= since && !known.Contains(KeyOf(c)));
    }

    internal static string KeysOf(IEnumerable<CorrectionSeed> corrections) => string.Join(' ', corrections.Select(KeyOf));

    private static string KeyOf(CorrectionSeed correction) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"{correction.DateUtc:o}|{correction.Kind}|{correction.Text}"))))[..16];
}
