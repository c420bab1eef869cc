namespace NewsFeed.Web.Model;

/// <summary>
/// Key/value facts about the store itself (the schema fingerprint it was created with), so a changed
/// model rebuilds the database instead of failing on a missing column.
/// </summary>
public sealed class StoreInfo
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
