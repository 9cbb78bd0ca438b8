using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace AiFlow.Web.Api;

/// <summary>
/// One error shape for every <c>/api</c> answer (ADR 0021): RFC 9457 problem details. A body field is named by
/// <c>pointer</c> (<see cref="JsonBinding.Problem(string, string)"/>), a query or route parameter by <c>parameter</c>
/// (<see cref="Parameter"/>). Exceptions, unbound parameters, unknown paths (404), wrong methods (405) and empty
/// 401/403 answers become problems too, never an HTML page; a database that does not answer within its statement
/// timeout is a 503.
/// </summary>
public static partial class ApiProblems
{
    /// <summary>A 400 problem about one query or route parameter, named in the <c>parameter</c> extension.</summary>
    public static IResult Parameter(string name, string title) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, extensions: new Dictionary<string, object?> { ["parameter"] = name });

    /// <summary>A problem with a status, a title and, when there are any, the reasons in <c>errors</c>.</summary>
    public static IResult Status(int status, string title, System.Collections.IEnumerable? errors = null) =>
        Results.Problem(statusCode: status, title: title,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>
    /// Wraps the <c>/api</c> branch (and the sign-in form's) in the problem writers. Call early in the pipeline, before
    /// authentication, so that 401/403 answers get a body as well.
    /// </summary>
    public static void UseApiProblems(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = WriteExceptionAsync,
                // A malformed request is the caller's mistake, answered in full: no error log with a stack for it.
                SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
            });
            api.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
            api.Use(async (context, next) =>
            {
                if (ApiQuery.ControlCharacterIn(context.Request) is { } where)
                {
                    await Parameter(where, $"{where} holds a control character (such as %00); none is accepted.").ExecuteAsync(context);
                    return;
                }
                await next(context);
            });
        });
    }

    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/account");

    private static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status401Unauthorized => "Send an API key as 'Authorization: Bearer <key>', or sign in.",
            StatusCodes.Status403Forbidden => "Your role may not use this route.",
            StatusCodes.Status404NotFound => "There is no such resource, or no such route.",
            StatusCodes.Status405MethodNotAllowed => $"This route does not take {context.Request.Method}.",
            _ => null,
        };
        return Results.Problem(statusCode: status, detail: detail).ExecuteAsync(context);
    }

    private static Task WriteExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        IResult result;
        if (error is BadHttpRequestException bad)
        {
            // The caller's mistake, answered in full: the request logger reads a handled exception from these features and
            // then reports the request as a 500 with a stack ("responded 500" for a 400), so they go.
            context.Features.Set<IExceptionHandlerFeature>(null);
            context.Features.Set<IExceptionHandlerPathFeature>(null);
            // A route value or query value that did not bind names its parameter, as every other refused query value does.
            var parameter = BoundParameter().Match(bad.Message);
            result = Results.Problem(statusCode: bad.StatusCode, title: "The request is malformed.", detail: bad.Message,
                extensions: parameter.Success ? new Dictionary<string, object?> { ["parameter"] = parameter.Groups["name"].Value } : null);
        }
        else if (IsDatabaseTimeout(error))
        {
            context.Response.Headers[HeaderNames.RetryAfter] = "5";
            result = Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The database did not answer in time.",
                detail: "The query ran past the statement timeout and was cancelled; nothing was changed by it. Narrow the request or try again.");
        }
        else
        {
            // A bug: logged by the exception handler with its stack; the caller gets the trace id, not the stack.
            result = Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "An unexpected error occurred.",
                detail: "It has been logged; quote the traceId when reporting it.");
        }
        return result.ExecuteAsync(context);
    }

    /// <summary>Minimal APIs' binding failures: <c>Failed to bind parameter "int? page" from "abc".</c> and <c>Required parameter "int page" was not provided …</c>.</summary>
    [GeneratedRegex(@"^(?:Failed to bind|Required) parameter ""(?:[^""]* )?(?<name>[^"" ]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();

    /// <summary>
    /// PostgreSQL's statement timeout (57014, query_canceled) or Npgsql's command timeout, however deep EF Core wrapped it.
    /// </summary>
    public static bool IsDatabaseTimeout(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }) return true;
            if (e is NpgsqlException && e.InnerException is TimeoutException) return true;
        }
        return false;
    }
}
