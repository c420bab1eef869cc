namespace NewsFeed.Web.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>Which database holds the store (<c>NewsFeed:Database</c>); the connection is <c>ConnectionStrings:NewsFeed</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "NewsFeed:Database";

    /// <summary>
    /// <c>Sqlite</c> (default): a file, <c>Data Source=App_Data/newsfeed.db</c>. <c>Postgres</c>: a PostgreSQL
    /// database NewsFeed has to itself, <c>Host=...;Database=newsfeed;Username=...;Password=...</c>; it is created
    /// when the user may create databases, and a rebuild drops every table in its schema.
    /// </summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
