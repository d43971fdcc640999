using System.CommandLine;

namespace OrleansNlp.Cli;

/// <summary>The <c>stats</c> verb: the operations view of GET /api/stats as a table, or as JSON.</summary>
public sealed partial class CliApp
{
    private Command StatsCommand()
    {
        var command = new Command("stats", "Show jobs per status, throughput, jobs waiting per stage and the silos") { _json };
        command.SetAction(WithClient(async (parse, client, ct) =>
        {
            var stats = await client.StatsAsync(ct);
            if (parse.GetValue(_json))
            {
                StatsPrinter.PrintJson(host.Output, stats);
            }
            else
            {
                StatsPrinter.PrintTable(host.Output, stats);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
