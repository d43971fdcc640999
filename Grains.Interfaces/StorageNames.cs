namespace OrleansNlp;

/// <summary>Grain storage provider names shared by grains and silo configuration.</summary>
public static class StorageNames
{
    public const string Jobs = "jobs";
    public const string PubSub = "PubSubStore";
}
