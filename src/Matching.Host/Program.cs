using Matching.Host.Apis;
using Matching.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddMatchingSilo();
builder.AddMatchingApi();

var app = builder.Build();

app.UseMatchingApi();
app.MapMatchingApi();
app.LogWhereToOpen();

app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
