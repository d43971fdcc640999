using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using System.Text.Json;
using OrleansNlp.Client;
using OrleansNlp.Contracts;

namespace OrleansNlp.Cli;

/// <summary>
/// The orleans-nlp command line: submit (optionally waiting with a live progress bar), get, cancel and watch jobs;
/// list jobs by status and retry failed ones (<c>jobs list</c>, <c>jobs retry</c>); show the operations view (<c>stats</c>);
/// submit a file of texts as one batch (<c>batch FILE</c>); generate a typed table from a query and a field schema
/// (<c>dataset --query Q --rows N --fields FILE</c>).
/// Everything it prints goes to <see cref="CliHost"/>'s writers, so tests run it in-process against a test server.
/// </summary>
public sealed partial class CliApp(CliHost host)
{
    public const string UrlVariable = "ORLEANS_NLP_URL";
    public const string ApiKeyVariable = "ORLEANS_NLP_API_KEY";
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly Option<string?> _url = new("--url")
    {
        Description = $"The frontend's address [default: ${UrlVariable}, else {OrleansNlpClientOptions.DefaultBaseAddress}]",
        Recursive = true,
    };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = $"API key sent as X-Api-Key [default: ${ApiKeyVariable}]",
        Recursive = true,
    };

    private readonly Option<bool> _json = new("--json") { Description = "Print the job as JSON instead of text" };

    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for the job to end",
        DefaultValueFactory = _ => 300,
        Validators = { RequirePositive },
    };

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parsed = BuildCommand().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await host.Error.WriteLineAsync($"error: {error.Message}");
            }

            await host.Error.WriteLineAsync("Run 'orleans-nlp --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = host.Output, Error = host.Error }, cancellationToken);
    }

    private RootCommand BuildCommand()
    {
        var root = new RootCommand("Submit NLP jobs and datasets to an OrleansNlp frontend and follow them.");
        root.Options.Add(_url);
        root.Options.Add(_apiKey);
        root.Subcommands.Add(SubmitCommand());
        root.Subcommands.Add(JobCommand("get", "Show a job's status and result", GetAsync));
        root.Subcommands.Add(JobCommand("cancel", "Cancel a pending or running job", CancelAsync));
        root.Subcommands.Add(WatchCommand());
        root.Subcommands.Add(JobsCommand());
        root.Subcommands.Add(StatsCommand());
        root.Subcommands.Add(BatchCommand());
        root.Subcommands.Add(DatasetCommand());
        return root;
    }

    /// <summary>Operator verbs over many jobs: <c>jobs list --status S</c> and <c>jobs retry ID</c>.</summary>
    private Command SubmitCommand()
    {
        var text = new Argument<string>("text") { Description = "The text to process" };
        var instruction = new Option<string?>("--instruction", "-i") { Description = "What to do with the text (e.g. a question)" };
        var priority = new Option<JobPriority?>("--priority", "-p") { Description = "Served first when the LLM stage is busy", HelpName = "normal|high|low" };
        priority.Validators.Add(RequireOneName);
        var metadata = new Option<string?>("--metadata") { Description = "A JSON object stored with the job" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Repeating a submission with this key returns the same job" };
        var wait = new Option<bool>("--wait", "-w") { Description = "Show live progress until the job ends, then its result" };
        var command = new Command("submit", "Submit a job") { text, instruction, priority, metadata, idempotencyKey, wait, _timeout, _json };
        command.SetAction(WithClient(async (parse, client, ct) =>
        {
            object? metadataValue = null;
            if (parse.GetValue(metadata) is { } metadataJson)
            {
                try
                {
                    metadataValue = JsonSerializer.Deserialize<JsonElement>(metadataJson);
                }
                catch (JsonException exception)
                {
                    await host.Error.WriteLineAsync($"error: --metadata is not valid JSON: {exception.Message}");
                    return ExitCodes.Usage;
                }
            }

            var job = await client.SubmitAsync(parse.GetValue(text)!, parse.GetValue(instruction), metadataValue,
                parse.GetValue(priority), parse.GetValue(idempotencyKey), cancellationToken: ct);
            var json = parse.GetValue(_json);
            if (!parse.GetValue(wait))
            {
                if (json)
                {
                    JobPrinter.PrintJson(host.Output, job);
                }
                else
                {
                    JobPrinter.PrintJob(host.Output, job);
                    await host.Output.WriteLineAsync($"Follow it with: orleans-nlp watch {job.JobId}");
                }

                return ExitCodes.Ok;
            }

            if (!json)
            {
                await host.Output.WriteLineAsync($"Job {job.JobId} accepted");
            }

            return await FollowAsync(client, job.JobId, TimeSpan.FromSeconds(parse.GetValue(_timeout)), json, ct);
        }));
        return command;
    }

    private Command WatchCommand()
    {
        var jobId = new Argument<string>("jobId") { Description = "The job's id" };
        var command = new Command("watch", "Show a job's live progress until it ends, then its result") { jobId, _timeout };
        command.SetAction(WithClient((parse, client, ct) =>
            FollowAsync(client, parse.GetValue(jobId)!, TimeSpan.FromSeconds(parse.GetValue(_timeout)), json: false, ct)));
        return command;
    }

    private Command JobCommand(string name, string description, Func<OrleansNlpClient, string, bool, CancellationToken, Task<int>> run)
    {
        var jobId = new Argument<string>("jobId") { Description = "The job's id" };
        var command = new Command(name, description) { jobId, _json };
        command.SetAction(WithClient((parse, client, ct) => run(client, parse.GetValue(jobId)!, parse.GetValue(_json), ct)));
        return command;
    }

    private async Task<int> GetAsync(OrleansNlpClient client, string jobId, bool json, CancellationToken ct)
    {
        var job = await client.GetAsync(jobId, ct);
        if (job is null)
        {
            return await NotFoundAsync(jobId);
        }

        Print(job, json);
        return ExitCodeOf(job);
    }

    private async Task<int> CancelAsync(OrleansNlpClient client, string jobId, bool json, CancellationToken ct)
    {
        var job = await client.CancelAsync(jobId, ct);
        if (job is null)
        {
            return await NotFoundAsync(jobId);
        }

        Print(job, json);
        if (!json && job.Status != JobStatus.Cancelled)
        {
            await host.Output.WriteLineAsync($"The job had already ended ({job.Status.ToString().ToLowerInvariant()}); nothing was cancelled.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>Follows a job until it ends (live over SignalR, else by polling), then prints it.</summary>
    private async Task<int> FollowAsync(OrleansNlpClient client, string jobId, TimeSpan timeout, bool json, CancellationToken ct)
    {
        var bar = new ProgressBar(host.Output, host.TerminalWidth);
        if (!await TrackAsync(client, jobId, timeout, bar, show: !json, ct))
        {
            await host.Error.WriteLineAsync($"Job {jobId} did not end within {timeout.TotalSeconds:0} s; it keeps running. Follow it with: orleans-nlp watch {jobId}");
            return ExitCodes.Timeout;
        }

        var job = await client.GetAsync(jobId, ct);
        if (job is null)
        {
            return await NotFoundAsync(jobId);
        }

        Print(job, json);
        return ExitCodeOf(job);
    }

    /// <summary>Shows a job's progress on the bar (when <paramref name="show"/>) until it ends: live over SignalR, else
    /// by polling. False when <paramref name="timeout"/> passed first.</summary>
    private async Task<bool> TrackAsync(OrleansNlpClient client, string jobId, TimeSpan timeout, ProgressBar bar, bool show, CancellationToken ct)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        waiting.CancelAfter(timeout);
        try
        {
            try
            {
                await foreach (var progress in client.WatchAsync(jobId, waiting.Token))
                {
                    Show(progress);
                }
            }
            catch (Exception exception) when (exception is not (OrleansNlpApiException or OperationCanceledException))
            {
                // No usable hub (a proxy without WebSockets, a lost connection): the REST API still tells the truth.
                bar.End();
                await host.Error.WriteLineAsync($"Live progress unavailable ({exception.Message}); polling instead.");
                await PollAsync(client, jobId, Show, waiting.Token);
            }
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            bar.End();
            return false;
        }

        bar.End();
        return true;

        void Show(JobProgress progress)
        {
            if (show)
            {
                bar.Show(progress);
            }
        }
    }

    private async Task PollAsync(OrleansNlpClient client, string jobId, Action<JobProgress> show, CancellationToken ct)
    {
        var unavailable = false;
        while (true)
        {
            JobResponse? job;
            try
            {
                job = await client.GetAsync(jobId, ct);
            }
            catch (Exception exception) when (exception is HttpRequestException
                || exception is OrleansNlpApiException { StatusCode: HttpStatusCode.ServiceUnavailable })
            {
                // The server is restarting or its storage is briefly down: the job goes on, and so does the wait (until
                // --timeout).
                if (!unavailable)
                {
                    unavailable = true;
                    await host.Error.WriteLineAsync($"The server is unavailable ({exception.Message}); retrying.");
                }

                await Task.Delay(exception is OrleansNlpApiException { RetryAfter: { } asked } && asked > PollInterval ? asked : PollInterval, ct);
                continue;
            }

            if (job is null)
            {
                throw new OrleansNlpApiException(HttpStatusCode.NotFound, "Job not found", $"No job has the id '{jobId}'.");
            }

            show(JobProgress.From(job));
            if (job.IsFinal)
            {
                return;
            }

            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>Wraps a command: builds the client from the options and environment, and turns failures into messages
    /// and exit codes.</summary>
    private Func<ParseResult, CancellationToken, Task<int>> WithClient(Func<ParseResult, OrleansNlpClient, CancellationToken, Task<int>> run) =>
        async (parse, ct) =>
        {
            var url = parse.GetValue(_url) ?? host.Environment(UrlVariable);
            Uri? address = null;
            if (!string.IsNullOrWhiteSpace(url) && (!Uri.TryCreate(url, UriKind.Absolute, out address) || address.Scheme is not ("http" or "https")))
            {
                await host.Error.WriteLineAsync($"error: '{url}' is not an http(s) URL.");
                return ExitCodes.Usage;
            }

            var options = new OrleansNlpClientOptions
            {
                BaseAddress = address ?? OrleansNlpClientOptions.DefaultBaseAddress,
                ApiKey = parse.GetValue(_apiKey) ?? host.Environment(ApiKeyVariable),
            };
            using var client = host.CreateClient(options);
            try
            {
                return await run(parse, client, ct);
            }
            catch (OrleansNlpApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
            {
                await host.Error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.NotFound;
            }
            catch (OrleansNlpApiException exception)
            {
                await host.Error.WriteLineAsync($"error: {exception.Message}");
                return ExitCodes.ServerError;
            }
            catch (HttpRequestException exception)
            {
                await host.Error.WriteLineAsync($"error: cannot reach {client.BaseAddress}: {exception.Message}");
                return ExitCodes.ServerError;
            }
            catch (TaskCanceledException exception) when (exception.InnerException is TimeoutException && !ct.IsCancellationRequested)
            {
                await host.Error.WriteLineAsync($"error: {client.BaseAddress} did not answer in time.");
                return ExitCodes.ServerError;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await host.Error.WriteLineAsync("Interrupted; a submitted job keeps running on the server.");
                return ExitCodes.Interrupted;
            }
            catch (Exception exception) when (exception is IOException or JsonException)
            {
                // The connection dropped mid-answer, or the URL is not this API (a proxy's HTML page).
                await host.Error.WriteLineAsync($"error: the answer of {client.BaseAddress} could not be read: {exception.Message}");
                return ExitCodes.ServerError;
            }
        };

    private async Task<int> NotFoundAsync(string jobId)
    {
        await host.Error.WriteLineAsync($"error: no job has the id '{jobId}'.");
        return ExitCodes.NotFound;
    }

    private void Print(JobResponse job, bool json)
    {
        if (json)
        {
            JobPrinter.PrintJson(host.Output, job);
        }
        else
        {
            JobPrinter.PrintJob(host.Output, job);
        }
    }

    private static void RequirePositive(OptionResult result)
    {
        // A wait is bounded by what a cancellation timer can hold (about 49 days).
        if (result.GetValueOrDefault<int>() is <= 0 or > MaxWaitSeconds)
        {
            result.AddError($"{result.Option.Name} must be 1 to {MaxWaitSeconds} seconds (30 days).");
        }
    }

    private const int MaxWaitSeconds = 30 * 24 * 3600;

    /// <summary>One name of the enum: the parser would also take "high,low" (a combination) or a number, which the
    /// server refuses.</summary>
    private static void RequireOneName(OptionResult result)
    {
        if (result.Tokens.Any(token => token.Value.Contains(',') || token.Value.Trim().All(char.IsAsciiDigit)))
        {
            result.AddError($"{result.Option.Name} takes one of {result.Option.HelpName}.");
        }
    }

    private static int ExitCodeOf(JobResponse job) =>
        job.Status is JobStatus.Failed or JobStatus.Cancelled ? ExitCodes.JobFailed : ExitCodes.Ok;
}
