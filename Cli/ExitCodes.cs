namespace OrleansNlp.Cli;

/// <summary>The CLI's exit codes, for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The job failed or was cancelled while a result was wanted.</summary>
    public const int JobFailed = 1;

    public const int Usage = 2;

    public const int NotFound = 3;

    /// <summary>The server refused the request or could not be reached.</summary>
    public const int ServerError = 4;

    /// <summary>Waiting timed out; the job goes on.</summary>
    public const int Timeout = 5;

    public const int Interrupted = 130;
}
