using AiFlow.Infrastructure.Retrieval.Gold;

namespace AiFlow.Web.Features.Collections.Gold;

/// <summary>A collection's gold retrieval set: each judged query with its relevant and not-relevant chunks and every judgement.</summary>
public sealed record GoldRetrievalJson(string Collection, IReadOnlyList<GoldQueryJson> Queries)
{
    public static GoldRetrievalJson Of(string key, IReadOnlyList<GoldQuery> queries) => new(key, queries.Select(q => new GoldQueryJson(q.Query, q.Relevant, q.NotRelevant,
        q.Labels.Select(l => new GoldLabelJson(l.ChunkId, l.Relevant, l.Rank, l.RunId, l.StepRunId, l.NodeKey, l.LabelledBy, l.LabelledAt)).ToList())).ToList());
}

public sealed record GoldQueryJson(string Query, IReadOnlyList<string> Relevant, IReadOnlyList<string> NotRelevant, IReadOnlyList<GoldLabelJson> Labels);

/// <param name="Rank">Where the step ranked the chunk, from 1.</param>
public sealed record GoldLabelJson(string ChunkId, bool Relevant, int Rank, Guid RunId, Guid StepRunId, string Node, string LabelledBy, DateTimeOffset LabelledAt);
