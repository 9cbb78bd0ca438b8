using AiFlow.Domain.GroundTruth;

namespace AiFlow.Web.Features.Datasets;

/// <summary>A step or pipeline whose examples form datasets, written <c>step:key</c> or <c>pipeline:key</c> in query strings.</summary>
public sealed record DatasetScopeRef(GroundTruthScope Scope, Guid Id, string Key)
{
    public string Text => $"{Kind}:{Key}";

    /// <summary>As a sentence names it: <c>step 'key'</c>.</summary>
    public string Name => $"{Kind} '{Key}'";

    private string Kind => Scope == GroundTruthScope.Step ? "step" : "pipeline";

    /// <summary>Splits <c>step:key</c> or <c>pipeline:key</c>; false when it is neither.</summary>
    public static bool TryParse(string? text, out GroundTruthScope scope, out string key)
    {
        (scope, key) = (GroundTruthScope.Step, "");
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || colon == text!.Length - 1) return false;
        key = text[(colon + 1)..];
        switch (text[..colon])
        {
            case "step": scope = GroundTruthScope.Step; return true;
            case "pipeline": scope = GroundTruthScope.Pipeline; return true;
            default: return false;
        }
    }
}
