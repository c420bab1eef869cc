using System.ComponentModel.DataAnnotations;

namespace NewsFeed.Web.Preview;

/// <summary>
/// Preview mode, for editors: drafts and scheduled articles are shown, a saved seed file is imported at once and
/// open pages reload, and every page shows the seed problems. Bound from <c>NewsFeed:Preview</c>.
/// </summary>
public sealed class PreviewOptions
{
    public const string Section = "NewsFeed:Preview";

    /// <summary>
    /// <c>NewsFeed:Preview</c> itself, <c>true</c> or <c>false</c>: whether preview is on. When it is not set, preview
    /// is on in the Development environment and off everywhere else. Never turn it on for a public site: it shows
    /// drafts.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// <c>NewsFeed:Preview:Watch</c>: watch the seeds folder and import each saved file at once (default <c>true</c>).
    /// Off, preview still shows drafts and problems, as of the startup import.
    /// </summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// <c>NewsFeed:Preview:DebounceMilliseconds</c>: how long a file must be quiet before it is read (default 150).
    /// Editors save in bursts (a swap file, a truncate, a write, a rename); this makes one import of each burst.
    /// </summary>
    [Range(10, 5000)]
    public int DebounceMilliseconds { get; set; } = 150;

    /// <summary>The value of the <c>NewsFeed:Preview</c> switch, or the environment's default when it is not set.</summary>
    /// <remarks>Some providers give a section that only has children (<c>NewsFeed:Preview:Watch</c>) the value "".</remarks>
    internal static bool IsOn(string? value, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(value) ? environment.IsDevelopment()
        : bool.TryParse(value, out var on) ? on
        : throw new InvalidOperationException($"NewsFeed:Preview is '{value}'; it must be true or false.");
}
