using NewsFeed.Web.Caching;
using NewsFeed.Web.Data;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Health;
using NewsFeed.Web.Images;
using NewsFeed.Web.Listings;
using NewsFeed.Web.Pages;
using NewsFeed.Web.Preview;
using NewsFeed.Web.Search;
using NewsFeed.Web.Seeding;
using NewsFeed.Web.Site;

// `check`: validate a seeds folder for content CI, then exit; no web app is built.
if (args is ["check", ..]) { Environment.ExitCode = await SeedCheckCommand.RunAsync(args[1..]); return; }

var builder = WebApplication.CreateBuilder(args);

builder.AddNewsLogging();
builder.AddSite();
builder.AddStaticAssets();
builder.AddNewsStore();
builder.AddSeeding();
builder.AddPreview();
builder.AddPageCaching();
builder.AddImages();
builder.AddListings();
builder.AddFeeds();
builder.AddSearch();
builder.AddHealth();
builder.Services.AddRazorPages(options => options.Conventions.AddPagedRoutes().AddEditionRoutes());

var app = builder.Build();
app.EnsureStaticAssets();

// Cached pages are answered before anything else runs: that is what makes them as cheap as static files.
app.UsePageCacheLookup();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
    app.UseHttpsRedirection();
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSecurityHeaders();
app.UseReadOnlyMethods();
app.UseRequestLogging();
app.UseClientAborts();
app.UseSeedMedia();
app.UseRouting();
// There is no sign-in; named here only because the framework would otherwise put both in front of the whole
// pipeline, page cache included, and every cached page would pay for a service scope it never uses.
app.UseAuthentication();
app.UseAuthorization();
app.UsePreview();
app.UsePageCaching();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapImages();
app.MapFeeds();
app.MapPreview();
app.MapHealth();

app.Run();
