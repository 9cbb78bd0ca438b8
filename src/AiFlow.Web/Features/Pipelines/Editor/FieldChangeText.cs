using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Web.Features.Pipelines.Authoring;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>How the diff names a changed field and its old and new values: step versions and profiles by name, not by id.</summary>
public static class FieldChangeText
{
    public static string Label(string field) => field switch
    {
        nameof(DagNode.StepVersionId) => "step",
        nameof(DagNode.DependsOn) => "depends on",
        nameof(DagNode.Condition) => "condition",
        nameof(DagNode.Retries) => "retries",
        nameof(DagNode.TimeoutMs) => "timeout (ms)",
        nameof(DagNode.ContinueOnFail) => "continue on fail",
        nameof(DagNode.ParallelGroup) => "parallel group",
        nameof(DagNode.MetricProfileId) => "metric profile",
        nameof(DagNode.Params) => "params",
        _ => field,
    };

    public static string Value(string field, string? value, AuthoringCatalog catalog)
    {
        if (value is null) return "(none)";
        if (field == nameof(DagNode.StepVersionId) && Guid.TryParse(value, out var step)) return catalog.Step(step)?.Label ?? "an unlisted step version";
        if (field == nameof(DagNode.MetricProfileId) && Guid.TryParse(value, out var profile)) return catalog.Profile(profile)?.Name ?? "an unlisted profile";
        return value;
    }

    /// <summary>e.g. <c>retries: 1 → 3</c>.</summary>
    public static string Describe(FieldChange change, AuthoringCatalog catalog) =>
        $"{Label(change.Field)}: {Value(change.Field, change.Old, catalog)} → {Value(change.Field, change.New, catalog)}";
}
