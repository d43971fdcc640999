using OpenTelemetry.Trace;

namespace OrleansNlp.Telemetry;

/// <summary>
/// Samples every span except Orleans' own background grain calls. Orleans names a grain call's span
/// "IInterface/Method" and files calls to interfaces whose namespace starts with "Orleans" (ours included:
/// OrleansNlp) under its runtime source, next to the stream pulling agents that poll every few milliseconds; so the
/// grain calls kept are those to this application's interfaces.
/// </summary>
public sealed class GrainCallSampler : Sampler
{
    private static readonly HashSet<string> ApplicationInterfaces = typeof(IJobGrain).Assembly.GetTypes()
        .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type))
        .Select(type => type.Name)
        .ToHashSet(StringComparer.Ordinal);

    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Skip = new(SamplingDecision.Drop);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        IsOtherGrainCall(samplingParameters.Name) ? Skip : Keep;

    public static bool IsOtherGrainCall(string spanName)
    {
        var slash = spanName.IndexOf('/');
        return slash > 0 && !spanName.Contains(' ') && !ApplicationInterfaces.Contains(spanName[..slash]);
    }
}
