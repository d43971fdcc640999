using OrleansNlp.Webhooks;
using OrleansNlp.Tests.Infrastructure;

namespace OrleansNlp.Tests;

/// <summary>The callbackUrl check shared by submit and delivery: host allow-list, ports, length.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class WebhookOptionsTests
{
    private static WebhookOptions Options(params int[] ports) => new() { AllowedHosts = ["hooks.example.com", "*.example.net"], AllowedPorts = [.. ports] };

    [Theory]
    [InlineData("https://hooks.example.com/hook")]
    [InlineData("http://hooks.example.com/hook")]
    [InlineData("https://HOOKS.example.com:443/hook")]
    [InlineData("https://a.b.example.net/hook")]
    public void AllowedHostOnADefaultPort_IsAccepted(string url) => Assert.Null(Options().Check(url));

    [Theory]
    [InlineData("https://hooks.example.com:8443/hook")]
    [InlineData("http://hooks.example.com:6379/hook")]
    [InlineData("http://hooks.example.com:22/")]
    public void OtherPorts_AreRefusedByDefault(string url) => Assert.Equal("port not allowed", Options().Check(url)?.Category);

    [Fact]
    public void ConfiguredPorts_ReplaceTheDefaults()
    {
        var options = Options(8443);

        Assert.Null(options.Check("https://hooks.example.com:8443/hook"));
        Assert.Equal("port not allowed", options.Check("https://hooks.example.com/hook")?.Category);
        Assert.True(options.IsPortAllowed(8443));
        Assert.False(options.IsPortAllowed(443));
    }

    [Fact]
    public void CallbackUrl_Of2048Characters_IsAccepted_AndOneMoreIsRefused()
    {
        const string prefix = "https://hooks.example.com/";
        var longest = prefix + new string('a', WebhookOptions.MaxCallbackUrlLength - prefix.Length);

        Assert.Equal(2048, longest.Length);
        Assert.Null(Options().Check(longest));
        Assert.Equal("url too long", Options().Check(longest + "a")?.Category);
    }

    [Theory]
    [InlineData("https://evil.example.org/hook", "host not allowed")]
    [InlineData("https://example.net/hook", "host not allowed")]
    [InlineData("https://hooks.example.com.evil.org/hook", "host not allowed")]
    [InlineData("ftp://hooks.example.com/hook", "invalid url")]
    [InlineData("https://user:pw@hooks.example.com/hook", "invalid url")]
    [InlineData("/hook", "invalid url")]
    [InlineData("not a url", "invalid url")]
    public void OtherUrls_AreRefused_WithACategory(string url, string category) => Assert.Equal(category, Options().Check(url)?.Category);

    [Fact]
    public void WithoutAllowedHosts_EveryUrlIsRefused() =>
        Assert.Equal("webhooks disabled", new WebhookOptions().Check("https://hooks.example.com/hook")?.Category);

    [Fact]
    public void Categories_NameNoHostOrPort()
    {
        var refusal = Options().Check("http://hooks.example.com:6379/hook")!.Value;

        Assert.DoesNotContain("6379", refusal.Category);
        Assert.DoesNotContain("example", refusal.Category);
    }
}
