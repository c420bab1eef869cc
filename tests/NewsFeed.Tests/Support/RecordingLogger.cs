using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NewsFeed.Tests.Support;

/// <summary>An <see cref="ILogger{T}"/> that keeps what was logged, for tests of a class used outside the app.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
}
