using OrleansNlp.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseOrleansNlpClustering().AddOrleansNlp());
builder.Services.AddOrleansNlpHealthChecks(builder.Configuration);

var app = builder.Build();
app.MapHealthChecks("/health");
app.Run();
