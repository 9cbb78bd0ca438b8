namespace AiFlow.Web.Api;

/// <summary>One page of a list answer: the page asked for (from 1 unless the route says otherwise), its size, the total over the filter and the items.</summary>
public sealed record ApiPage<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);
