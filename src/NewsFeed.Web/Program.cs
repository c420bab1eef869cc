using NewsFeed.Web.Data;
using NewsFeed.Web.Feeds;
using NewsFeed.Web.Pages;
using NewsFeed.Web.Seeding;
using NewsFeed.Web.Site;

var builder = WebApplication.CreateBuilder(args);

builder.AddNewsLogging();
builder.AddSite();
builder.AddNewsStore();
builder.AddSeeding();
builder.Services.AddRazorPages(options => options.Conventions.AddPagedRoutes());

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseSecurityHeaders();
app.UseRequestLogging();
app.UseSeedMedia();
app.UseRouting();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapFeeds();

app.Run();
