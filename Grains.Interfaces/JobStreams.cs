using System.IO.Hashing;
using System.Text;
using Orleans.Runtime;

namespace OrleansNlp;

/// <summary>The one place that names the progress streams: publisher and subscribers both use it. A job's events go on
/// one of <see cref="Partitions"/> streams, chosen by a hash of its id, and carry the job id: a fixed set of streams
/// costs no pub/sub state per job (a stream per job left a rendezvous activation and a Redis hash behind each job), and
/// all of one job's events still travel one stream, in order. Subscribers keep the events of the jobs they watch.</summary>
public static class JobStreams
{
    public const string ProviderName = "JobProgress";
    public const string Namespace = "job-progress";
    public const int Partitions = 64;

    public static StreamId ForJob(string jobId) => ForPartition(PartitionOf(jobId));

    public static StreamId ForPartition(int partition) => StreamId.Create(Namespace, $"p{partition}");

    public static int PartitionOf(string jobId) => (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(jobId)) % Partitions);
}
