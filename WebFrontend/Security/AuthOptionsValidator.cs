using Microsoft.Extensions.Options;

namespace OrleansNlp.WebFrontend.Security;

/// <summary>Stops start-up when a configured API key could never work or is configured twice (see <see cref="ApiKeyStore.Validate"/>).</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        ApiKeyStore.Validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
