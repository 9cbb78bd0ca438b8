using AiFlow.Domain.Common;
using AiFlow.Infrastructure.Authoring;

namespace AiFlow.Web.Api;

/// <summary>
/// Maps an authoring service's answer to HTTP problems: 404, 409 with the conflict as title, 400 with every reason in
/// <c>errors</c> and the first one's field as <c>pointer</c>; nothing saved in each.
/// </summary>
public static class SaveResultHttp
{
    public static IResult ToHttp<T>(SaveResult<T> result, string what, Func<T, IResult> saved)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(saved);
        return result.Outcome switch
        {
            SaveOutcome.Saved => saved(result.Value!),
            SaveOutcome.NotFound => ApiProblems.Status(StatusCodes.Status404NotFound, result.Message),
            SaveOutcome.Conflict => ApiProblems.Status(StatusCodes.Status409Conflict, result.Message),
            _ => Refused(what, result.Problems),
        };
    }

    /// <summary>
    /// <c>errors</c> stays the list of sentences clients already read; <c>pointer</c> names the field of the first, as
    /// every other 400 of the API does (ADR 0021).
    /// </summary>
    public static IResult Refused(string what, IReadOnlyList<FieldProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {what} was refused; nothing was saved.",
            extensions: new Dictionary<string, object?>
            {
                ["pointer"] = problems.Count > 0 ? problems[0].Field : "",
                ["errors"] = problems.Select(p => p.Message).ToList(),
            });
    }
}
