using System.Globalization;

namespace OrleansNlp.Bench.Pipeline;

/// <summary>What <c>scripts/cluster.sh</c> records in its state directory (<c>CLUSTER_DIR</c>, default <c>.cluster</c>):
/// the frontend's port, each silo's HTTP port (health and <c>/metrics</c>), Redis' port and every process id.</summary>
public sealed record ClusterDirectory(Uri FrontendUrl, IReadOnlyList<Uri> SiloMetricsUrls, int RedisPort, IReadOnlyList<ProcessCpu> Processes)
{
    public static ClusterDirectory Read(string dir)
    {
        if (!File.Exists(Path.Combine(dir, "frontend.http")))
        {
            throw new ArgumentException($"{dir} holds no running cluster (no frontend.http): start one with scripts/cluster.sh start.");
        }

        string Text(string file) => File.ReadAllText(Path.Combine(dir, file)).Trim();
        int Number(string file) => int.Parse(Text(file), CultureInfo.InvariantCulture);
        var silos = Directory.GetFiles(dir, "silo-*.http")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .OrderBy(name => int.Parse(name["silo-".Length..], CultureInfo.InvariantCulture))
            .ToArray();
        var processes = silos.Append("frontend").Append("redis")
            .Where(name => File.Exists(Path.Combine(dir, name + ".pid")))
            .Select(name => new ProcessCpu(name, Number(name + ".pid")))
            .ToArray();
        return new ClusterDirectory(
            new Uri($"http://127.0.0.1:{Number("frontend.http")}/"),
            silos.Select(name => new Uri($"http://127.0.0.1:{Number(name + ".http")}/metrics")).ToArray(),
            Number("redis.port"),
            processes);
    }
}
