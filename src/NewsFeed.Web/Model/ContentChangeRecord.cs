namespace NewsFeed.Web.Model;

/// <summary>
/// One content change as an import committed it: the dependency keys it touched, space-separated. Written in the
/// import's transaction, so every instance on the store evicts exactly what the importing instance evicted.
/// </summary>
public sealed class ContentChangeRecord
{
    public long Id { get; set; }
    public required string Keys { get; set; }
    public DateTime RecordedUtc { get; set; }
}
