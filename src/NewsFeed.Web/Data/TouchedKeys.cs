using System.Buffers;

namespace NewsFeed.Web.Data;

/// <summary>
/// A change's keys, to find the views that show one of them: a save looks at the keys of every stored view (10,000
/// strings of a few hundred characters), and nearly all of them name none of the change's few keys.
/// </summary>
internal sealed class TouchedKeys
{
    // A save's change has a few keys; a whole import's has tens of thousands, for which the search's automaton would
    // take tens of megabytes (a cold import of 10,000 peaked 40 MB higher): those go word by word.
    private const int SearchedAtOnce = 64;

    // One vectorized search for any of the keys; then a look-up of the word it landed in, which may only begin with one.
    private readonly SearchValues<string>? _any;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _keys;

    public TouchedKeys(IEnumerable<string> keys)
    {
        var set = new HashSet<string>(keys.Where(k => k.Length > 0), StringComparer.Ordinal);
        _keys = set.GetAlternateLookup<ReadOnlySpan<char>>();
        _any = set.Count is 0 or > SearchedAtOnce ? null : SearchValues.Create([.. set], StringComparison.Ordinal);
    }

    /// <summary>Whether one of <paramref name="viewKeys"/>' keys (space-separated) is among these.</summary>
    public bool AnyIn(string viewKeys)
    {
        if (_any is null)
        {
            return _keys.Set.Count > 0 && AnyWordIn(viewKeys);
        }

        for (var start = 0; start < viewKeys.Length;)
        {
            var found = viewKeys.AsSpan(start).IndexOfAny(_any);
            if (found < 0)
            {
                return false;
            }

            var at = start + found;
            if (at == 0 || viewKeys[at - 1] == ' ')
            {
                var end = viewKeys.IndexOf(' ', at);
                if (_keys.Contains(viewKeys.AsSpan(at, (end < 0 ? viewKeys.Length : end) - at)))
                {
                    return true;
                }
            }

            start = at + 1;
        }

        return false;
    }

    private bool AnyWordIn(string viewKeys)
    {
        var words = viewKeys.AsSpan();
        foreach (var word in words.Split(' '))
        {
            if (_keys.Contains(words[word]))
            {
                return true;
            }
        }

        return false;
    }
}
