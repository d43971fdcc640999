using OrleansNlp.Tests.Infrastructure;
using OrleansNlp.WebFrontend.Jobs;

namespace OrleansNlp.Tests;

/// <summary>Enum values from query strings and forms: one member's name in any case, nothing else.</summary>
[Trait(TestCategory.Trait, TestCategory.Unit)]
public sealed class EnumNamesTests
{
    [Theory]
    [InlineData("high", JobPriority.High)]
    [InlineData("LOW", JobPriority.Low)]
    [InlineData("Normal", JobPriority.Normal)]
    public void OneName_InAnyCase_IsItsMember(string text, JobPriority expected)
    {
        Assert.True(EnumNames.TryParseOne<JobPriority>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("high,low")]
    [InlineData("normal, high")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData(" 2")]
    [InlineData("-1")]
    [InlineData("7")]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsRefused(string? text)
    {
        Assert.False(EnumNames.TryParseOne<JobPriority>(text, out _));
    }
}
