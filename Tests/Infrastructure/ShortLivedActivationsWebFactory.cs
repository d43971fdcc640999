namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend whose finished jobs leave memory one second after their last change.</summary>
public sealed class ShortLivedActivationsWebFactory : EmbeddedWebFactory
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        base.Settings.Append(new("Jobs:FinishedActivationLifetime", Lifetime.ToString()));
}
