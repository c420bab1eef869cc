namespace NewsFeed.BrowserTests.Support;

/// <summary>A viewport the journeys run at; a phone must never need horizontal scrolling.</summary>
public sealed record Screen(int Width, int Height)
{
    public static readonly Screen Phone = new(390, 844);
    public static readonly Screen Desktop = new(1280, 900);

    public bool IsPhone => Width < 600;

    public override string ToString() => $"{Width}x{Height}";
}
