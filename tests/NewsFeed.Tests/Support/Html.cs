using AngleSharp.Dom;

namespace NewsFeed.Tests.Support;

public static class Html
{
    /// <summary>The single element matching <paramref name="selector"/>; fails the test when there are none or several.</summary>
    public static IElement One(this IParentNode node, string selector)
    {
        var found = node.QuerySelectorAll(selector);
        Assert.True(found.Length == 1, $"expected one '{selector}', found {found.Length}");
        return found[0];
    }

    public static string Text(this IElement element) => element.TextContent.Trim();
}
