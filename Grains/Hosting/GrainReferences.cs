using Orleans.Runtime;

namespace OrleansNlp;

/// <summary>
/// <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string?)"/> without its per-call cost. Orleans resolves the
/// grain interface and grain type by reflection on every call and keeps no cache: with a few references per job that was
/// 4 % of a silo's CPU and 7 % of the frontend's. Both types follow from the interface alone (its attributes and the one
/// grain class implementing it), so they are resolved once per interface and process, by the first call (a renamed grain
/// class takes a restart), and every reference is still made by the caller's own factory.
/// </summary>
public static class GrainReferences
{
    public static TGrain Reference<TGrain>(this IGrainFactory grains, string key) where TGrain : IGrainWithStringKey =>
        Types<TGrain>.Resolved is { } types
            ? (TGrain)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface)
            : Resolve(grains.GetGrain<TGrain>(key));

    public static TGrain Reference<TGrain>(this IGrainFactory grains, long key) where TGrain : IGrainWithIntegerKey =>
        Types<TGrain>.Resolved is { } types
            ? (TGrain)grains.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Interface)
            : Resolve(grains.GetGrain<TGrain>(key));

    private static TGrain Resolve<TGrain>(TGrain grain)
    {
        var reference = (GrainReference)(object)grain!;
        Types<TGrain>.Resolved = new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
        return grain;
    }

    /// <summary>A class, so that a thread reads either no resolution or a whole one.</summary>
    private sealed record ResolvedTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class Types<TGrain>
    {
        public static ResolvedTypes? Resolved;
    }
}
