namespace AiFlow.Web.Features.Runs;

/// <summary>A record a step produced, as its <c>outputLinks</c> named it: e.g. <c>tickets</c> · <c>T-1042</c> · <c>produced</c>.</summary>
public sealed record OutputLinkDetails(string TargetType, string TargetId, string Relation);
