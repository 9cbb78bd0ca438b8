namespace AiFlow.Web.Features.Collections.Gold;

/// <summary>A judgement of one retrieved chunk: <c>{"chunkId": "...", "relevant": true}</c>, on the node's latest attempt unless <c>attempt</c> names one.</summary>
public sealed record ChunkLabelBody(string? ChunkId, bool? Relevant, int? Attempt);
