using OrleansNlp.Hosting;
using OrleansNlp.WebFrontend.Batches;
using OrleansNlp.WebFrontend.Cache;
using OrleansNlp.WebFrontend.Dashboard;
using OrleansNlp.WebFrontend.Datasets;
using OrleansNlp.WebFrontend.Hosting;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Live;
using OrleansNlp.WebFrontend.Stats;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansNlpBackend();
builder.AddOrleansNlpApi();
builder.AddOrleansNlpSecurity();
builder.AddOrleansNlpLive();
builder.AddOrleansNlpTelemetry();

var app = builder.Build();
app.UseOrleansNlpForwardedHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseOrleansNlpHeaderRules();
// The page's files are public; everything after needs a key when keys are configured (the fallback policy).
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOrleansNlpApiReference();
app.MapOrleansNlpHealthChecks();
app.MapOrleansNlpMetrics();
app.MapJobsApi();
app.MapJobEventsApi();
app.MapBatchesApi();
app.MapDatasetsApi();
app.MapBatchEventsApi();
app.MapClientEventsApi();
app.MapHub<JobsHub>(JobsHub.Route);
app.MapCacheApi();
app.MapStatsApi();
app.MapOrleansNlpDashboard();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
