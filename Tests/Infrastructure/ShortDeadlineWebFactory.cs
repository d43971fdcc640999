namespace OrleansNlp.Tests.Infrastructure;

/// <summary>The embedded frontend with a whole-job deadline (Jobs:JobTimeout) of a few seconds.</summary>
public sealed class ShortDeadlineWebFactory : EmbeddedWebFactory
{
    public static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(3);

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        base.Settings.Append(new("Jobs:JobTimeout", JobTimeout.ToString()));
}
