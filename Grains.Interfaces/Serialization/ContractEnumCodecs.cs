using System.Buffers;
using System.Runtime.CompilerServices;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace OrleansNlp.Serialization;

/// <summary>
/// Orleans codecs for the enums defined in OrleansNlp.Contracts, which has no Orleans dependency and so no generated
/// code. Without them Orleans falls back to the underlying integer's codec, which reads old data but writes each value
/// with an extra type tag. These write exactly what the generated codecs wrote when the enums carried
/// [GenerateSerializer] (a VarInt tagged with the enum's own type), so stored jobs and grain calls keep their bytes and
/// silos before and after the move can share a cluster (pinned by StorageCompatibilityTests).
/// </summary>
public abstract class ContractEnumCodec<TEnum> : IFieldCodec<TEnum> where TEnum : struct, Enum
{
    static ContractEnumCodec()
    {
        if (Enum.GetUnderlyingType(typeof(TEnum)) != typeof(int))
        {
            throw new NotSupportedException($"{typeof(TEnum)} must have int as its underlying type.");
        }
    }

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, TEnum value)
        where TBufferWriter : IBufferWriter<byte> =>
        Int32Codec.WriteField(ref writer, fieldIdDelta, expectedType, Unsafe.As<TEnum, int>(ref value), typeof(TEnum));

    public TEnum ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        var value = Int32Codec.ReadValue(ref reader, field);
        return Unsafe.As<int, TEnum>(ref value);
    }
}

[RegisterSerializer]
public sealed class JobStatusCodec : ContractEnumCodec<JobStatus>;

[RegisterSerializer]
public sealed class JobStageCodec : ContractEnumCodec<JobStage>;

[RegisterSerializer]
public sealed class JobPriorityCodec : ContractEnumCodec<JobPriority>;

[RegisterSerializer]
public sealed class BatchStatusCodec : ContractEnumCodec<BatchStatus>;
