using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Metrics;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Metrics;

/// <summary>
/// The form for one metric definition. The parameters are checked by the chosen function as they are typed (the same
/// check the save makes); the other fields show the save's problems next to them.
/// </summary>
public sealed partial class MetricDefinitionEditor
{
    private static readonly string[] ShownFields = ["/key", "/name", "/unit", "/description", "/function", "/direction", "/aggregation", "/parameters"];

    private MetricFunction? function;
    private IReadOnlyList<MetricFieldProblem> live = [];

    /// <summary>The definition being edited; bound two-way to the fields.</summary>
    [Parameter, EditorRequired] public MetricDefinitionForm Form { get; set; } = default!;

    /// <summary>The key of the definition being edited, or null for a new one.</summary>
    [Parameter] public string? EditingKey { get; set; }

    /// <summary>The last save's problems, by field.</summary>
    [Parameter] public FieldProblems Problems { get; set; } = FieldProblems.None;

    /// <summary>Why the last save lost to someone else's, if it did.</summary>
    [Parameter] public string? Conflict { get; set; }

    [Parameter] public bool Busy { get; set; }

    [Parameter] public EventCallback OnSave { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    [Parameter] public EventCallback OnReload { get; set; }

    private string? FunctionProblem => Problems.At("/function")
        ?? (string.IsNullOrWhiteSpace(Form.Function) ? null : live.FirstOrDefault(p => p.Field == "/function")?.Message);

    /// <summary>The function's problems as typed, then those only the save finds (a judge the metric names that does not exist).</summary>
    private List<MetricFieldProblem> ParameterProblems =>
        [.. live.Where(p => p.Field.StartsWith("/parameters", StringComparison.Ordinal)).Concat(Problems.Under("/parameters")).Distinct()];

    protected override void OnParametersSet() => Recheck();

    private void SetFunction(string key)
    {
        Form.Function = key;
        Recheck();
    }

    private void SetParameters(string json)
    {
        Form.ParametersJson = json;
        Recheck();
    }

    private void Recheck()
    {
        MetricFunctionCatalog.TryGet(Form.Function, out function);
        live = MetricCatalogChecks.Parameters(Form.Function, Form.ParametersJson, out _);
    }

    private static string DirectionText(MetricDirection d) => d == MetricDirection.HigherIsBetter ? "Higher is better" : "Lower is better";

    private static string AggregationText(MetricAggregation a) => a switch
    {
        MetricAggregation.Rate => "Rate (share ≥ 0.5)",
        MetricAggregation.P50 => "P50 (median)",
        MetricAggregation.P95 => "P95",
        _ => "Mean",
    };
}
