namespace NewsFeed.Tests.Support;

/// <summary>Waits for something the app does in the background (a watched file's import), polling briefly.</summary>
public static class Eventually
{
    /// <summary>Long enough for a loaded CI machine; a passing test waits only as long as the app needs.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Still not true after {(timeout ?? Timeout).TotalSeconds:0.#} s: {what}");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout);
}
