namespace AiFlow.Infrastructure.Retrieval.Gold;

/// <summary>
/// One query of a collection's gold retrieval set: the chunks whose latest judgement is relevant, those judged not
/// relevant, and every judgement behind them.
/// </summary>
public sealed record GoldQuery(string Query, IReadOnlyList<string> Relevant, IReadOnlyList<string> NotRelevant, IReadOnlyList<GoldLabelRow> Labels);
