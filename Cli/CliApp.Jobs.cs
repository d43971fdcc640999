using System.CommandLine;
using System.Net;
using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>The operator's verbs of the command line: <c>jobs list --status S</c> and <c>jobs retry ID</c>.</summary>
public sealed partial class CliApp
{
    private Command JobsCommand()
    {
        var status = new Option<JobStatus>("--status", "-s")
        {
            Description = "The status of the jobs to list",
            HelpName = "pending|processing|completed|failed|cancelled",
            Required = true,
        };
        status.Validators.Add(RequireOneName);
        var limit = new Option<int?>("--limit", "-n") { Description = "Jobs per page, 1 to 100 [default: the server's, 20]" };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 100)
            {
                result.AddError("--limit must be between 1 and 100.");
            }
        });
        var cursor = new Option<string?>("--cursor") { Description = "Where the previous page ended (printed under it)" };
        var list = new Command("list", "List jobs with a status, newest first, one page at a time") { status, limit, cursor, _json };
        list.SetAction(WithClient(async (parse, client, ct) =>
        {
            var wanted = parse.GetValue(status);
            var page = await client.ListAsync(wanted, parse.GetValue(limit), parse.GetValue(cursor), ct);
            if (parse.GetValue(_json))
            {
                JobPrinter.PrintJson(host.Output, page);
            }
            else
            {
                JobPrinter.PrintList(host.Output, page, wanted);
            }

            return ExitCodes.Ok;
        }));

        var jobId = new Argument<string>("jobId") { Description = "The failed job's id" };
        var retry = new Command("retry", "Run a failed job again from its last checkpoint") { jobId, _json };
        retry.SetAction(WithClient((parse, client, ct) => RetryAsync(client, parse.GetValue(jobId)!, parse.GetValue(_json), ct)));

        return new Command("jobs", "List jobs by status and retry failed ones") { list, retry };
    }

    private async Task<int> RetryAsync(OrleansNlpClient client, string jobId, bool json, CancellationToken ct)
    {
        JobResponse? job;
        try
        {
            job = await client.RetryAsync(jobId, ct);
        }
        catch (OrleansNlpApiException exception) when (exception.StatusCode == HttpStatusCode.Conflict)
        {
            await host.Error.WriteLineAsync($"error: job {jobId} was not retried: {exception.Detail ?? exception.Message}");
            return ExitCodes.ServerError;
        }

        if (job is null)
        {
            return await NotFoundAsync(jobId);
        }

        Print(job, json);
        if (!json)
        {
            await host.Output.WriteLineAsync($"Retry accepted. Follow it with: orleans-nlp watch {job.JobId}");
        }

        return ExitCodes.Ok;
    }
}
