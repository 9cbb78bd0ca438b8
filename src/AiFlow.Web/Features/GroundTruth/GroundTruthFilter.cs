namespace AiFlow.Web.Features.GroundTruth;

/// <summary>Browser filters: free text over reference, input and expected IR; one step version; retired or not.</summary>
public sealed record GroundTruthFilter(string? Search, Guid? ScopeId, bool ShowRetired)
{
    public static readonly GroundTruthFilter Default = new(null, null, true);
}
