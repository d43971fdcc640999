using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace OrleansNlp.WebFrontend.Hosting;

/// <summary>Turns ASP.NET Core's binding failures (a query value of the wrong type, ...) into a problem naming the parameter.</summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    [GeneratedRegex("""parameter "(?:[^" ]+ )?(?<name>[^" ]+)" """)]
    private static partial Regex ParameterName();

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var name = ParameterName().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : "request";
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Invalid request",
                Detail = bad.Message,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [name] = [bad.Message] } },
            },
        });
    }
}
