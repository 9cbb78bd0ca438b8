using System.Globalization;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Collections.Search;

/// <summary>The search playground: the same <see cref="IChunkSearch"/> as <c>POST /api/collections/{key}/search</c>, with each ranker's view.</summary>
public partial class CollectionSearchPage
{
    private const int MaxDocumentChoices = 500;

    [Inject] private IChunkSearch Search { get; set; } = default!;
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;

    [Parameter] public string Key { get; set; } = "";

    private sealed record DocumentChoice(Guid Id, string FileName);

    private bool loaded;
    private Collection? collection;
    private List<DocumentChoice> documents = [];
    private string? query;
    private int topK = 5;
    private int? efSearch;
    private int? contextTokens;
    private string? tags;
    private string? licenceUse;
    private IReadOnlyCollection<Guid>? documentIds;
    private bool rerank;
    private bool busy;
    private string? error;
    private ChunkSearchResult? result;

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        collection = await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Key == Key);
        documents = collection is null ? [] : await db.Documents.AsNoTracking()
            .Where(d => d.CollectionId == collection.Id && d.Status == DocumentStatus.Ingested)
            .OrderBy(d => d.FileName).Take(MaxDocumentChoices)
            .Select(d => new DocumentChoice(d.Id, d.FileName)).ToListAsync();
        (loaded, result, error) = (true, null, null);
    }

    private async Task SearchOnEnterAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter") await SearchAsync();
    }

    private async Task SearchAsync()
    {
        if (collection is null || busy) return;
        busy = true;
        error = null;
        try
        {
            var tagList = (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var filters = new SearchFilters(
                documentIds is { Count: > 0 } ids ? [.. ids] : null,
                tagList.Length > 0 ? tagList : null,
                string.IsNullOrWhiteSpace(licenceUse) ? null : licenceUse.Trim());
            result = await Search.SearchAsync(new ChunkSearchQuery(Key, query ?? "", topK, filters, efSearch, rerank, contextTokens), CancellationToken.None);
        }
        catch (InvalidSearchQueryException invalid)
        {
            (error, result) = (invalid.Message, null);
        }
        catch (SearchUnavailableException unavailable)
        {
            (error, result) = (unavailable.Message, null);
        }
        catch (CollectionNotFoundException missing)
        {
            (error, result) = (missing.Message, null);
        }
        finally
        {
            busy = false;
        }
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static string Score(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Ranked(int? rank, double? score) =>
        rank is { } r ? $"#{r.ToString(CultureInfo.InvariantCulture)} · {(score is { } s ? Score(s) : "—")}" : "—";
}
