using Matching.Host.Apis;
using Matching.Host.Hosting;

// Content (appsettings, wwwroot) comes from beside the binaries; data goes under the caller's directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddMatchingSilo();
builder.AddMatchingSearch();
builder.AddMatchingApi();

var app = builder.Build();

app.UseMatchingApi();
app.MapMatchingApi();
app.LogWhereToOpen();

app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
