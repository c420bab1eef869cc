using NewsFeed.Web.Data;
using NewsFeed.Web.Rendering;

namespace NewsFeed.Web.Seeding;

/// <summary>Reads <c>authors/*.md</c>: front matter name, job_title, avatar (and optional slug); the body is the bio.</summary>
internal static class AuthorFileReader
{
    public static AuthorSeed? Read(string text, SeedContext context)
    {
        var problems = context.Problems;
        if (!FrontMatterBlock.TrySplit(text, problems, out var block))
        {
            return null;
        }

        var fields = FrontMatter.Parse(block.Yaml, block.FirstLine, problems);
        if (fields.Unreadable)
        {
            return null;
        }

        var name = fields.RequiredText("name", SeedLimits.NameLength, "an author file needs the author's name");

        var slug = fields.Text("slug", SeedLimits.SlugLength + 1) ?? Slug.From(Path.GetFileNameWithoutExtension(context.Path));
        if (!Slug.IsValid(slug))
        {
            problems.Error(Math.Max(fields.LineOf("slug"), 1), 1, $"slug: '{slug}' is not a valid slug; name the file like jane-doe.md or add a slug: field");
        }

        var jobTitle = fields.Text("job_title", SeedLimits.NameLength);
        var avatarLine = fields.LineOf("avatar");
        var avatar = fields.Text("avatar", SeedLimits.UrlLength);
        fields.WarnUnknown("the author file");

        string? avatarUrl = null;
        if (avatar is not null)
        {
            avatarUrl = UrlPolicy.Image(avatar);
            if (avatarUrl is null)
            {
                problems.Error(avatarLine, 1, $"avatar: '{avatar}' is not allowed; use a path under images/ or an http(s) URL");
            }
            else if (!context.MediaExists(avatarUrl))
            {
                problems.Warning(avatarLine, 1, $"avatar: '{avatar}' does not exist in the seeds folder; initials are shown");
                avatarUrl = null;
            }
            else if (context.Images?.Find(avatarUrl) is { Problem: { } problem })
            {
                problems.Warning(avatarLine, 1, $"avatar: '{avatar}' {problem}; initials are shown");
                avatarUrl = null;
            }
        }

        var bio = string.IsNullOrWhiteSpace(block.Body) ? null : Renderer.RenderBody(block.Body, block.BodyLine, context);
        if (name is null || problems.HasErrors)
        {
            return null;
        }

        return new AuthorSeed
        {
            Slug = slug,
            Name = name,
            JobTitle = jobTitle,
            AvatarSrc = avatarUrl,
            BioHtml = bio?.Html,
            SourcePath = context.Path,
        };
    }
}
