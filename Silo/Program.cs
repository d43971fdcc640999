using OrleansNlp.Hosting;
using OrleansNlp.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp().UseKubernetesHostingInPod());
builder.Services.AddOrleansNlpHealthChecks(builder.Configuration);
builder.AddOrleansNlpTelemetry();

var app = builder.Build();
app.MapOrleansNlpHealthChecks();
app.MapOrleansNlpMetrics();
app.Run();
