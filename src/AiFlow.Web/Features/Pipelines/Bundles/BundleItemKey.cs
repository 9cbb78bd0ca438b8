namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>An item by what names it on every console; <see cref="Number"/> is 0 for items without versions.</summary>
public readonly record struct BundleItemKey(BundleSection Section, string Key, int Number)
{
    public override string ToString() => Section switch
    {
        BundleSection.Pipeline => $"pipeline '{Key}'",
        BundleSection.Version => $"pipeline '{Key}' v{Number}",
        BundleSection.MetricProfile => $"metric profile '{Key}'",
        BundleSection.Step => $"step {Key} v{Number}",
        BundleSection.Prompt => $"prompt {Key} v{Number}",
        _ => $"IR schema {Key} v{Number}",
    };
}
