using OrleansNlp.WebFrontend.Cache;
using OrleansNlp.WebFrontend.Hosting;
using OrleansNlp.WebFrontend.Jobs;
using OrleansNlp.WebFrontend.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansNlpBackend();
builder.AddOrleansNlpApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<ApiKeys>();
app.UseRateLimiter();

app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapJobsApi();
app.MapCacheApi();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
