using OrleansNlp.Hosting;
using OrleansNlp.WebFrontend.Cache;
using OrleansNlp.WebFrontend.Hosting;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Live;
using OrleansNlp.WebFrontend.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansNlpBackend();
builder.AddOrleansNlpApi();
builder.AddOrleansNlpLive();
builder.AddOrleansNlpTelemetry();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiKeys>();
app.UseRateLimiter();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapOrleansNlpMetrics();
app.MapJobsApi();
app.MapJobEventsApi();
app.MapHub<JobsHub>(JobsHub.Route);
app.MapCacheApi();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
