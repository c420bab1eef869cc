using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsFeed.Web.Data;
using NewsFeed.Web.Seeding;

namespace NewsFeed.Web.Health;

/// <summary>
/// <c>/healthz/live</c>: the process answers (no checks; a proxy restarts an instance that stops answering).
/// <c>/healthz/ready</c>: the store answers and holds content, and what the last import did; a proxy sends
/// readers only to ready instances. Both answer JSON and are never cached.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [Ready])
            .AddCheck<ImportHealthCheck>("import", tags: [Ready]);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return endpoints;
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            foreach (var (key, value) in entry.Data)
            {
                json.WritePropertyName(key);
                JsonSerializer.Serialize(json, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}

/// <summary>The store answers a query, and holds at least one article (an empty store has nothing to serve).</summary>
internal sealed class StoreHealthCheck(NewsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var articles = await db.Articles.CountAsync(cancellationToken);
            var data = new Dictionary<string, object> { ["provider"] = db.Database.ProviderName ?? "", ["articles"] = articles };
            return articles > 0
                ? HealthCheckResult.Healthy($"{articles} articles", data)
                : HealthCheckResult.Unhealthy("The store holds no articles yet", data: data);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // The reason, not the exception: a health endpoint is no place for stack traces or connection strings.
            return HealthCheckResult.Unhealthy($"The store does not answer: {e.GetType().Name}");
        }
    }
}

/// <summary>
/// The last import: when, how long, and its problems. Problems leave the instance ready (broken files are skipped and
/// their last good versions served) but degraded, so they show on a dashboard. While a restart's import still runs
/// behind the stored content the instance is ready (the store check says whether there is content to serve).
/// </summary>
internal sealed class ImportHealthCheck(SeedImportStatus status, StartupImport startup) : IHealthCheck
{
    // A folder of thousands of broken files still answers a small document; the counts above say how many there are.
    private const int MaxListed = 200;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (status.Last is not { } last)
        {
            return Task.FromResult(startup.Completion.IsCompleted
                ? HealthCheckResult.Degraded("No import has finished: the last one failed (see the log); the store's content is served")
                : HealthCheckResult.Healthy("The startup import is checking the seeds folder; the store's content is served meanwhile"));
        }

        var data = new Dictionary<string, object>
        {
            ["finishedUtc"] = last.FinishedUtc.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            ["durationMs"] = Math.Round(last.Duration.TotalMilliseconds),
            ["filesSeen"] = last.FilesSeen,
            ["imported"] = last.Imported,
            ["skipped"] = last.Skipped,
            ["errors"] = last.Errors,
            ["warnings"] = last.Warnings,
            // The files a dashboard needs to name: every skipped file with its errors, compiler style (path:line:col).
            ["skippedFiles"] = last.Files.Where(f => f.State == SeedFileState.Skipped).Take(MaxListed).Select(f => new
            {
                path = f.Path,
                keptLastGood = f.KeptLastGood,
                errors = f.Problems.Where(p => p.IsError).Select(p => p.ToString()).ToList(),
            }).ToList(),
            // And every file with warnings (a picture no article uses, an alt text that is a file name): nothing skipped.
            ["filesWithWarnings"] = last.Files.Where(f => f.HasWarnings).Take(MaxListed).Select(f => new
            {
                path = f.Path,
                warnings = f.Problems.Where(p => !p.IsError).Select(p => p.ToString()).ToList(),
            }).ToList(),
        };
        return Task.FromResult(last.Errors > 0
            ? HealthCheckResult.Degraded($"{last.Skipped} files skipped with errors; their last good versions are served", data: data)
            : HealthCheckResult.Healthy("Last import had no errors", data));
    }
}
