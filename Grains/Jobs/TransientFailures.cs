using System.Net;
using Polly.Timeout;

namespace OrleansNlp.Jobs;

/// <summary>Decides which stage failures are transient (retried) and which are fatal (fail the job at once).</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        TransientStageException or TimeoutRejectedException or TimeoutException => true,
        SiloUnavailableException or OrleansMessageRejectionException => true,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => true,
        HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
        _ => false,
    };
}
