namespace NewsFeed.Tests.Support;

/// <summary>A clock that stays at one instant, so "published in the last two days" and "scheduled" are exact.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
