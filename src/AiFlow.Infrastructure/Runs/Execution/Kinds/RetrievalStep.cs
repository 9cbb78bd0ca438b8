using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Retrieval.Search;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// Hybrid search over a collection with the query its <c>query</c> template renders; the IR is the query and the
/// chunks, best first, with what a citation needs and each ranker's score (see <see cref="RetrievedChunks"/>).
/// The query's embedding is booked to the step (tokens, cost).
/// </summary>
public sealed class RetrievalStep(IChunkSearch search, PromptRenderer renderer) : IStepKind
{
    public StepKind Kind => StepKind.Retrieval;

    public async Task<StepExecutionResult> RunAsync(StepKindCall call, CancellationToken cancellationToken)
    {
        var (attempt, context) = (call.Attempt, call.Context);
        if (RetrievalParams.Parse(attempt.Params, out var problem) is not { } parameters) return StepExecutionResult.Failure(problem!);
        string query;
        try
        {
            query = renderer.Render(parameters.QueryTemplate, context.Input, context.Ir, attempt.Params).Trim();
        }
        catch (PromptTemplateException ex)
        {
            return StepExecutionResult.Failure(ex.Message);
        }
        if (query.Length == 0) return StepExecutionResult.Failure("The 'query' template rendered an empty query.") with { RenderedPrompt = query };
        // A question, not a document: a longer query is a mistake upstream (issue 14's 100 KB query), refused before it is embedded.
        if (query.Length > ChunkSearchRules.MaxQueryChars)
        {
            return StepExecutionResult.Failure($"The query has {query.Length} characters; a retrieval query may have at most {ChunkSearchRules.MaxQueryChars}.");
        }

        var watch = Stopwatch.StartNew();
        ChunkSearchResult found;
        try
        {
            found = await search.SearchAsync(new ChunkSearchQuery(parameters.Collection, query, parameters.TopK, parameters.Filters,
                parameters.EfSearch, parameters.Rerank, parameters.ContextTokens), cancellationToken);
        }
        catch (CollectionNotFoundException ex)
        {
            return StepExecutionResult.Failure($"Retrieval failed: {ex.Message}") with { RenderedPrompt = query };
        }
        catch (InvalidSearchQueryException ex)
        {
            return StepExecutionResult.Failure($"Retrieval failed: {ex.Message}") with { RenderedPrompt = query };
        }
        catch (SearchUnavailableException ex)
        {
            // The query's embedding or the rerank stage failed: a retry (the node's policy) may find the endpoint back.
            return StepExecutionResult.Failure($"Retrieval failed: {ex.Message}") with { RenderedPrompt = query };
        }
        return new StepExecutionResult
        {
            Outcome = StepOutcome.Completed,
            RenderedPrompt = query,
            IrJson = RetrievedChunks.ToIr(query, found.Hits).ToJsonString(),
            TokensIn = found.TokensIn,
            CostUsd = found.CostUsd,
            LatencyMs = (int)watch.ElapsedMilliseconds,
        };
    }
}
