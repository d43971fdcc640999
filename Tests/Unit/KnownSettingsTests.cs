using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.Tests.Infrastructure.Deployment;
using static OrleansNlp.Tests.Infrastructure.Deployment.KnownSettings;

namespace OrleansNlp.Tests;

/// <summary>The settings check the deployment tests rely on: it must report what a process would silently ignore.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class KnownSettingsTests
{
    [Fact]
    public void SettingsTheProcessesRead_PassForTheirRole()
    {
        Assert.Empty(Problems(Role.Silo, new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = "redis:6379,password=x",
            ["Orleans__SiloPort"] = "11111",
            ["Jobs__StageTimeout"] = "00:02:00",
            ["Llm__ApiKey"] = "key",
            ["Webhooks__AllowedHosts__0"] = "example.com",
            ["POD_NAME"] = "silo-0",
            ["Logging__LogLevel__OrleansNlp"] = "Debug",
            ["Urls"] = "http://+:8081",
        }));
        Assert.Empty(Problems(Role.Frontend, new Dictionary<string, string>
        {
            ["Auth__ApiKeys__0"] = "key",
            ["Auth__Keys__reporting__Key"] = "key",
            ["Auth__Keys__reporting__Admin"] = "true",
            ["ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0/8",
            ["RateLimiting__PermitLimit"] = "10",
            ["Orleans__ServiceId"] = "orleans-nlp",
        }));
    }

    [Theory]
    [InlineData("Llm__ApiKee", "key")]
    [InlineData("Jobs__StageTimeouts", "00:02:00")]
    [InlineData("Auth__ApiKeys__0", "key")]
    [InlineData("ORLEANS_SERVICE_ID", "orleans-nlp")]
    [InlineData("Jobs__StageRetries", "many")]
    public void AMisspeltMisplacedOrUnconvertibleSetting_IsReportedForASilo(string name, string value)
    {
        var problem = Assert.Single(Problems(Role.Silo, new Dictionary<string, string> { [name] = value }));

        Assert.StartsWith(name.Split("__")[0], problem);
    }

    [Theory]
    [InlineData("Llm__ApiKey")]
    [InlineData("POD_NAME")]
    [InlineData("Auth__Keys__reporting__Kye")]
    [InlineData("ForwardedHeaders__KnownNetwork__0")]
    public void ASettingTheFrontendDoesNotRead_IsReported(string name)
    {
        Assert.Single(Problems(Role.Frontend, new Dictionary<string, string> { [name] = "value" }));
    }
}
