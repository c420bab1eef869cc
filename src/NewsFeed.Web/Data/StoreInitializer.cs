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
    private const string BuildKey = "build";

    /// <param name="db">The store.</param>
    /// <param name="logger">Where a rebuild is logged.</param>
    /// <param name="settings">What else every page is made from (the site's settings, as text): a change counts as a new build.</param>
    /// <param name="cancellationToken">Stops the set-up.</param>
    /// <returns>
    /// True when this build first meets this store (a new store, a rebuilt one, a new build of the app or new site
    /// settings): pages that a shared cache in front holds were made otherwise, so every one of them goes.
    /// </returns>
    public static async Task<bool> InitializeAsync(NewsDbContext db, ILogger logger, string settings, CancellationToken cancellationToken)
    {
        await using var storeLock = await StoreProvider.LockStoreAsync(db, cancellationToken);
        // The fingerprint needs the model's whole create script, a good part of a restart's time. The same
        // build always gives the same fingerprint, so a store stamped by this build skips computing it.
        var build = BuildStamp(db) + "/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..16];
        if (!await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            if (await ReadAsync(db, BuildKey, cancellationToken) == build)
            {
                return false;
            }

            var fingerprint = Fingerprint(db);
            var stored = await ReadAsync(db, FingerprintKey, cancellationToken);
            if (stored == fingerprint)
            {
                await WriteInfoAsync(db, BuildKey, build, cancellationToken);
                return true;
            }

            LogRebuilding(logger, stored ?? "(none)", fingerprint);
            await StoreProvider.ClearAsync(db, cancellationToken);
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }

        await StoreProvider.CreateAfterModelAsync(db, cancellationToken);
        db.StoreInfo.Add(new StoreInfo { Key = FingerprintKey, Value = Fingerprint(db) });
        db.StoreInfo.Add(new StoreInfo { Key = BuildKey, Value = build });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    public static string Fingerprint(NewsDbContext db)
    {
        var script = db.Database.GenerateCreateScript() + "\n" + StoreProvider.ExtraSchemaSql(db.Database) + "\ncontent:" + ContentVersion;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
    }

    /// <summary>
    /// This build of the app (deterministic compilation: the same sources and references give the same module id),
    /// the EF Core version and the provider: what the fingerprint is a function of.
    /// </summary>
    internal static string BuildStamp(NewsDbContext db) =>
        $"{typeof(StoreInitializer).Assembly.ManifestModule.ModuleVersionId}/{typeof(DbContext).Assembly.GetName().Version}/{db.Database.ProviderName}";

    /// <summary>A <see cref="StoreInfo"/> value by its key, or null.</summary>
    internal static Task<string?> ReadInfoAsync(NewsDbContext db, string key, CancellationToken cancellationToken) =>
        db.StoreInfo.AsNoTracking().Where(i => i.Key == key).Select(i => i.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Sets a <see cref="StoreInfo"/> value (in the caller's transaction, if any).</summary>
    internal static async Task WriteInfoAsync(NewsDbContext db, string key, string value, CancellationToken cancellationToken)
    {
        if (await db.StoreInfo.Where(i => i.Key == key).ExecuteUpdateAsync(u => u.SetProperty(i => i.Value, value), cancellationToken) == 0)
        {
            var info = db.StoreInfo.Add(new StoreInfo { Key = key, Value = value });
            await db.SaveChangesAsync(cancellationToken);
            info.State = EntityState.Detached;
        }
    }

    private static async Task<string?> ReadAsync(NewsDbContext db, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadInfoAsync(db, key, cancellationToken);
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
