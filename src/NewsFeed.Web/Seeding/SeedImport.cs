using System.Diagnostics;
using Microsoft.Extensions.Options;
using NewsFeed.Web.Data;

namespace NewsFeed.Web.Seeding;

/// <summary>One import run: read the seeds folder, validate, write to the store, report and log.</summary>
public sealed partial class SeedImport(
    SeedReader reader,
    IServiceScopeFactory scopes,
    SeedImportStatus status,
    IOptions<SeedOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<SeedImport> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string SeedsRoot => options.Value.ResolveSeedsPath(environment.ContentRootPath);

    public async Task<ImportReport> RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var documents = await reader.ReadFolderAsync(SeedsRoot, cancellationToken);
            SeedValidator.Validate(documents);

            await using var scope = scopes.CreateAsyncScope();
            var importer = new SeedImporter(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
            var (files, deleted) = await importer.ImportAsync(documents, cancellationToken);

            var report = new ImportReport(files, deleted, Stopwatch.GetElapsedTime(started), time.GetUtcNow().UtcDateTime);
            status.Set(report);
            Log(report);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void Log(ImportReport report)
    {
        foreach (var problem in report.Problems)
        {
            if (problem.IsError)
            {
                LogSeedError(problem.Path, problem.Line, problem.Column, problem.Message);
            }
            else
            {
                LogSeedWarning(problem.Path, problem.Line, problem.Column, problem.Message);
            }
        }

        LogSummary(SeedsRoot, report.FilesSeen, report.Imported, report.Unchanged, report.Skipped, report.Deleted,
            report.Errors + report.Warnings, report.Duration.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Seed error {SeedPath}:{Line}:{Column}: {Problem}; the file is skipped")]
    private partial void LogSeedError(string seedPath, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed warning {SeedPath}:{Line}:{Column}: {Problem}")]
    private partial void LogSeedWarning(string seedPath, int line, int column, string problem);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seed import of {SeedsRoot}: {FilesSeen} files seen, {Imported} imported, {Unchanged} unchanged, {Skipped} skipped, {Deleted} deleted, {Problems} problems in {ElapsedMs:0} ms")]
    private partial void LogSummary(string seedsRoot, int filesSeen, int imported, int unchanged, int skipped, int deleted, int problems, double elapsedMs);
}

/// <summary>
/// Fills the store before the site serves: a hosted service's StartAsync finishes before Kestrel accepts
/// connections, so no request ever sees a half-imported store.
/// </summary>
public sealed class SeedImportService(IServiceScopeFactory scopes, SeedImport import, ILogger<SeedImportService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await StoreInitializer.InitializeAsync(scope.ServiceProvider.GetRequiredService<NewsDbContext>(), logger, cancellationToken);
        }

        await import.RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
