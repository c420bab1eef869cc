using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NewsFeed.Web.Model;

namespace NewsFeed.Web.Data;

/// <summary>
/// Creates the store, and rebuilds it from scratch when the model or the way content is rendered has changed.
/// The store is a read model of seeds/, so dropping it loses nothing: the import that follows refills it.
/// </summary>
public static partial class StoreInitializer
{
    /// <summary>Bump when import or rendering output changes, so every stored article is rendered again.</summary>
    public const string ContentVersion = "1";

    private const string FingerprintKey = "schema";

    public static async Task InitializeAsync(NewsDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        await using var storeLock = await StoreProvider.LockStoreAsync(db, cancellationToken);
        var fingerprint = Fingerprint(db);
        if (!await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            var stored = await ReadFingerprintAsync(db, cancellationToken);
            if (stored == fingerprint)
            {
                return;
            }

            LogRebuilding(logger, stored ?? "(none)", fingerprint);
            await StoreProvider.ClearAsync(db, cancellationToken);
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }

        await StoreProvider.CreateAfterModelAsync(db, cancellationToken);
        db.StoreInfo.Add(new StoreInfo { Key = FingerprintKey, Value = fingerprint });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    public static string Fingerprint(NewsDbContext db)
    {
        var script = db.Database.GenerateCreateScript() + "\n" + StoreProvider.ExtraSchemaSql(db.Database) + "\ncontent:" + ContentVersion;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
    }

    private static async Task<string?> ReadFingerprintAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await db.StoreInfo.AsNoTracking()
                .Where(i => i.Key == FingerprintKey)
                .Select(i => i.Value)
                .FirstOrDefaultAsync(cancellationToken);
        }
        catch (DbException)
        {
            // A store from before StoreInfo existed, or not ours at all: rebuild it (StoreProvider.ClearAsync never
            // drops a PostgreSQL database's tables that are not a NewsFeed store).
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store schema changed (stored {Stored}, current {Current}); rebuilding it from seeds")]
    private static partial void LogRebuilding(ILogger logger, string stored, string current);
}
