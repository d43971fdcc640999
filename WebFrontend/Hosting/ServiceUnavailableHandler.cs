using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>Turns "the cluster or its storage is unreachable" into 503 with Retry-After instead of a 500.</summary>
public sealed class ServiceUnavailableHandler(IProblemDetailsService problems, ILogger<ServiceUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }

        logger.LogWarning("Request {Path} failed because the backend is unavailable: {Reason}", context.Request.Path, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = exception is JobStoreUnavailableException
                    ? exception.Message
                    : "The job cluster or its storage is not reachable right now; nothing was changed. Try again shortly.",
            },
        });
    }

    private static bool IsUnavailable(Exception exception) => exception switch
    {
        JobStoreUnavailableException or TimeoutException or RedisException => true,
        // A read past its deadline (ClusterCalls.ReadAsync): the silo holding the job is probably dying.
        Polly.Timeout.TimeoutRejectedException => true,
        // Runtime failures of the cluster (silo lost, activation failed because storage was unreachable, ...).
        OrleansException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
