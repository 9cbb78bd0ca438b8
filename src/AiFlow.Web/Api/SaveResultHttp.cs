using AiFlow.Infrastructure.Authoring;

namespace AiFlow.Web.Api;

/// <summary>Maps an authoring service's answer to HTTP problems: 404, 409 with the conflict as title, 400 with every reason in <c>errors</c>; nothing saved in each.</summary>
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

    public static IResult Refused(string what, IReadOnlyList<string> problems) =>
        ApiProblems.Status(StatusCodes.Status400BadRequest, $"The {what} was refused; nothing was saved.", problems);
}
