using OrleansNlp.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp());
builder.Services.AddOrleansNlpHealthChecks(builder.Configuration);
builder.AddOrleansNlpTelemetry();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapOrleansNlpMetrics();
app.Run();
