using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Retrieval.Sql;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Retrieval.Sql;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// Text-to-SQL (seed 003): the model writes SQL for the declared views, whose DDL the prompt reads as
/// <c>{{ params.views_ddl }}</c>; the SQL runs only if <see cref="SqlGuard"/> accepts it, and then under
/// <see cref="SqlQueryRunner"/>'s read-only role, timeout and row limit (ADR 0026). The IR is
/// <c>{"sql","columns":[{"name","type"}],"rows":[[...]],"row_count","truncated","cached"}</c>; the step's IR schema
/// describes the model's answer (<c>{"sql": string}</c>) and must allow these fields too. A refused or failing query
/// fails the step with the reason, the model's answer kept as the raw response for a reviewer. SQL that ran is cached
/// per question, so asking again skips the model.
/// </summary>
public sealed class SqlQueryStep(ModelCall model, PromptRenderer renderer, IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock) : IStepKind
{
    public const string DdlVariable = "views_ddl";

    private readonly SqlViewCatalog catalog = new(contexts);
    private readonly SqlQueryRunner runner = new(contexts);
    private readonly SqlQueryCache cache = new(contexts, clock);

    public StepKind Kind => StepKind.SqlQuery;

    public async Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var parameters = SqlQueryParameters.Parse(call.Attempt.Params, out var problem);
        if (parameters is null) return StepExecutionResult.Failure(problem!);
        SqlViewSchema schema;
        try
        {
            schema = await catalog.DescribeAsync(parameters.Views, cancellationToken);
        }
        catch (SqlQueryFailedException ex)
        {
            return StepExecutionResult.Failure(ex.Message);
        }
        var extra = new JsonObject { [DdlVariable] = schema.Ddl };
        var question = await QuestionAsync(call, extra, cancellationToken);
        if (question is not null && await cache.FindAsync(call.Spec.Id, schema.Hash, question.Value.Hash, cancellationToken) is { } cached)
        {
            var hit = new StepExecutionResult
            {
                Outcome = StepOutcome.Completed, RenderedPrompt = question.Value.Prompt, PromptTemplateVersionId = call.Spec.PromptTemplateVersionId,
                PromptVariant = question.Value.Variant,
            };
            var (reused, _) = await RunSqlAsync(hit, cached, parameters, cached: true, cancellationToken);
            // SQL that no longer passes or runs (a changed allow-list, a slower table) is forgotten, so a retry asks the model.
            if (reused.Outcome != StepOutcome.Completed) await cache.ForgetAsync(call.Spec.Id, schema.Hash, question.Value.Hash, cancellationToken);
            return reused;
        }

        var answer = await model.CallAsync(call, cancellationToken, extra);
        if (answer.Outcome != StepOutcome.Completed || answer.IrJson is null) return answer;
        if (SqlOf(answer.IrJson) is not { } sql)
        {
            return answer with { Outcome = StepOutcome.Failed, IrJson = null, IrValid = false, Error = "The model's answer has no 'sql' string." };
        }
        var (result, statement) = await RunSqlAsync(answer, sql, parameters, cached: false, cancellationToken);
        if (result.Outcome == StepOutcome.Completed && question is not null)
        {
            await cache.StoreAsync(call.Spec.Id, schema.Hash, question.Value.Hash, statement!, cancellationToken);
        }
        return result;
    }

    private async Task<(StepExecutionResult Result, string? Statement)> RunSqlAsync(StepExecutionResult basis, string sql, SqlQueryParameters parameters, bool cached,
        CancellationToken cancellationToken)
    {
        var verdict = SqlGuard.Check(sql, parameters.Views);
        var source = cached ? "The cached SQL" : "The model's SQL";
        if (!verdict.Accepted) return (Failed(basis, $"{source} was refused: {verdict.Describe()}"), null);
        var watch = Stopwatch.StartNew();
        try
        {
            var rows = await runner.RunAsync(verdict.Statement, parameters.MaxRows, parameters.TimeoutMs, cancellationToken);
            var ir = new JsonObject
            {
                ["sql"] = verdict.Statement,
                ["columns"] = new JsonArray([.. rows.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type })]),
                ["rows"] = rows.Rows,
                ["row_count"] = rows.RowCount,
                ["truncated"] = rows.Truncated,
                ["cached"] = cached,
            };
            return (basis with { IrJson = ir.ToJsonString(), LatencyMs = basis.LatencyMs + (int)watch.ElapsedMilliseconds }, verdict.Statement);
        }
        catch (SqlQueryFailedException ex)
        {
            return (Failed(basis, $"{source} failed: {ex.Message}"), null);
        }
    }

    private static StepExecutionResult Failed(StepExecutionResult basis, string error) =>
        basis with { Outcome = StepOutcome.Failed, IrJson = null, IrValid = false, Error = error };

    private static string? SqlOf(string irJson)
    {
        try
        {
            return JsonNode.Parse(irJson) is JsonObject ir && ir["sql"] is JsonValue value && value.TryGetValue<string>(out var sql) ? sql : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The prompt exactly as <see cref="ModelCall"/> will render it, hashed with its version and variant: the cache key's question.</summary>
    private async Task<(string Hash, string Prompt, string? Variant)?> QuestionAsync(StepKindCall call, JsonObject extra, CancellationToken cancellationToken)
    {
        if (call.Spec.PromptTemplateVersionId is not { } id) return null;
        var version = await call.Artifacts.PromptAsync(id, cancellationToken);
        var selected = PromptVariantSelector.Select(version, call.Context.RunId, call.Attempt.NodeKey);
        var parameters = (JsonObject)call.Attempt.Params.DeepClone();
        foreach (var (name, value) in extra) parameters[name] = value?.DeepClone();
        try
        {
            var prompt = renderer.Render(selected.Template, call.Context.Input, call.Context.Ir, parameters);
            return (SqlQueryCache.QuestionHash(id, selected.Variant, prompt), prompt, selected.Variant);
        }
        catch (PromptTemplateException)
        {
            // ModelCall renders the same template and fails the step with the message.
            return null;
        }
    }
}
