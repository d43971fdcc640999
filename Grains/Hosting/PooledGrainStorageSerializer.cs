using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansNlp.Hosting;

/// <summary>Orleans' grain storage format, written through the serializer's pooled buffers into one array of the exact
/// size. <see cref="OrleansGrainStorageSerializer"/> writes the same bytes into a fresh buffer that starts at 256 bytes
/// and doubles: a job's state took five growing arrays per write, and every job writes twice.</summary>
public sealed class PooledGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T? Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory());
}
