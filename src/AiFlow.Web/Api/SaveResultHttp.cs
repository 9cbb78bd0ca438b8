using AiFlow.Infrastructure.Authoring;

namespace AiFlow.Web.Api;

/// <summary>Maps an authoring service's answer to HTTP: 404, 409 with the conflict, 400 with every reason; nothing saved in each.</summary>
public static class SaveResultHttp
{
    public static IResult ToHttp<T>(SaveResult<T> result, string what, Func<T, IResult> saved)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(saved);
        return result.Outcome switch
        {
            SaveOutcome.Saved => saved(result.Value!),
            SaveOutcome.NotFound => Results.NotFound(new { message = result.Message }),
            SaveOutcome.Conflict => Results.Conflict(new { message = result.Message }),
            _ => Refused(what, result.Problems),
        };
    }

    public static IResult Refused(string what, IReadOnlyList<string> problems) =>
        Results.BadRequest(new { message = $"The {what} was refused; nothing was saved.", errors = problems });
}
