using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Settings;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Settings;

/// <summary>
/// Run-time settings for Admins (ADR 0037): list with effective values and their sources, set one (stale version 409,
/// a value the catalogue refuses 400 at <c>/value</c>, unknown key 404), reset one to the files' value, read its history.
/// </summary>
public static class SettingsApiEndpoints
{
    private const int MaxBodyBytes = 8 * 1024;

    public static void MapSettingsApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings").RequireAuthorization(Policies.AdminOnly);
        settings.MapGet("/", async (SettingsService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        settings.MapPut("/{key}", async (string key, HttpRequest request, SettingsService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<SettingBody>(request, MaxBodyBytes, ct);
            if (error is not null) return error;
            if (body!.Version is not { } version)
            {
                return JsonBinding.Problem("/version", "The version you read is required (0 for a setting never stored); GET /api/settings shows it.");
            }
            if (version < 0) return JsonBinding.Problem("/version", "A version is 0 or more.");
            return Answer(await service.SetAsync(key, body.Value, version, ct));
        });
        settings.MapDelete("/{key}", async (string key, SettingsService service, CancellationToken ct) =>
            Answer(await service.ResetAsync(key, null, ct)));
        settings.MapGet("/{key}/history", async (string key, SettingsService service, CancellationToken ct) =>
            await service.HistoryAsync(key, ct) is { } history
                ? Results.Ok(history)
                : ApiProblems.Status(StatusCodes.Status404NotFound, $"There is no setting '{key}'; GET /api/settings lists them."));
    }

    private static IResult Answer(SaveResult<SettingView> result) => result.Outcome switch
    {
        SaveOutcome.Saved => Results.Ok(result.Value),
        SaveOutcome.Invalid => JsonBinding.Problem("/value", result.Message),
        _ => SaveResultHttp.ToHttp(result, "setting", Results.Ok),
    };
}
