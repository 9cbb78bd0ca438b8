using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Judges;
using AiFlow.Domain.Prompts.Templating;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// Scores outputs with LLM judges: renders the current version's prompt, calls its route through the inference gateway
/// (so the call is routed, limited and booked like a step's, task type <c>judge</c>), and reads the answer with
/// <see cref="JudgeOutput"/>. Never throws for a judge's failure: an unknown judge, a failing endpoint or a malformed
/// answer is a score with an error. Versions are read once per scorer, so make one per run or evaluation.
/// </summary>
public sealed class JudgeScorer(IInferenceGateway gateway, IDbContextFactory<AiFlowDbContext> contexts)
{
    public const string TaskType = "judge";

    private const string SystemPrompt = "You are an evaluator. Judge the output by the rubric and answer only with JSON that matches the given schema.";

    private readonly ConcurrentDictionary<string, Task<(JudgeVersion, JsonElement)?>> versions = new(StringComparer.Ordinal);

    public async Task<JudgeScore> ScoreAsync(JudgeCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var details = new JsonObject { ["judge"] = call.JudgeKey };
        // Loaded without the caller's token: the load is shared by every call of the run, and one caller's cancel must not spoil it.
        if (await versions.GetOrAdd(call.JudgeKey, key => LoadAsync(key, CancellationToken.None)) is not var (version, schema))
        {
            return Errored(details, $"there is no judge '{call.JudgeKey}'");
        }
        details["judgeVersion"] = version.Number;
        details["judgeVersionId"] = version.Id.ToString();
        string prompt;
        try
        {
            prompt = JudgeTemplate.Render(version.PromptTemplate, version.Rubric, call.Input, call.Ir, call.Output, call.Expected);
        }
        catch (Exception ex) when (ex is TemplateSyntaxException or TemplateLimitException)
        {
            return Errored(details, $"judge '{call.JudgeKey}' v{version.Number}'s prompt does not render: {ex.Message}");
        }
        var answer = await gateway.CallStructuredAsync(new StructuredCallRequest
        {
            RouteId = version.ModelRouteId,
            TaskType = TaskType,
            SystemPrompt = SystemPrompt,
            UserPrompt = prompt,
            Schema = schema,
            SchemaName = "judge_" + call.JudgeKey,
            StepRunId = call.StepRunId,
            IdempotencyKey = call.IdempotencyKey,
            Temperature = 0,
        }, cancellationToken);
        var score = Score(call, version, answer, details);
        return score with { TokensIn = answer.TokensIn, TokensOut = answer.TokensOut, CostUsd = answer.CostUsd };
    }

    private static JudgeScore Score(JudgeCall call, JudgeVersion version, StructuredCallResult answer, JsonObject details)
    {
        if (answer.Model is not null) details["model"] = answer.Model;
        var what = $"judge '{call.JudgeKey}' v{version.Number}";
        if (!answer.Succeeded)
        {
            return answer.RefusedContent is { } refused
                ? Parsed(refused, version, details, what)
                : Errored(details, $"{what} could not be asked: {answer.Error ?? "its endpoint failed"}");
        }
        return Parsed(answer.Content, version, details, what);
    }

    private static JudgeScore Parsed(string? content, JudgeVersion version, JsonObject details, string what)
    {
        var (verdict, problem) = JudgeOutput.Parse(content, version);
        if (verdict is null) return Errored(details, $"{what} answered badly: {problem}");
        details["reasoning"] = verdict.Reasoning;
        if (verdict.Category is not null) details["category"] = verdict.Category;
        return new JudgeScore(verdict.Score, null, details);
    }

    private static JudgeScore Errored(JsonObject details, string reason)
    {
        details[JudgeScore.ErroredKey] = true;
        details["error"] = reason;
        return new JudgeScore(null, "errored: " + reason, details);
    }

    private async Task<(JudgeVersion, JsonElement)?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await (from j in db.JudgeDefinitions
                             join v in db.JudgeVersions on j.Id equals v.JudgeDefinitionId
                             where j.Key == key && v.Number == j.CurrentVersion
                             select v).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (version is null) return null;
        using var schema = JsonDocument.Parse(version.OutputSchemaJson);
        return (version, schema.RootElement.Clone());
    }
}
