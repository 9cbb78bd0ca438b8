using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>json_coverage</c> = filled required slots ÷ required slots, where a slot is a required leaf of the step's IR
/// schema and filled means present and not null, "", [] or {}. Required properties inside arrays of objects count once
/// per item (see <see cref="RequiredSlots"/>). 1 when the schema requires nothing; not applicable without a schema.
/// </summary>
internal sealed class JsonCoverageMetric : MetricFunction
{
    public JsonCoverageMetric()
        : base("json_coverage", MetricFunctionKind.ReferenceFree, "filled required leaves ÷ required leaves of the IR schema (per item in arrays)", [])
    {
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        if (input.Schema is not { } schema || schema.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return MetricOutcome.NotApplicable("the step has no IR schema");
        }
        var slots = RequiredSlots.Of(schema, input.Actual);
        var details = new JsonObject
        {
            ["required"] = slots.Total,
            ["filled"] = slots.Filled,
            ["missing"] = new JsonArray([.. slots.Missing.Select(p => (JsonNode?)p)]),
        };
        return MetricOutcome.Of(slots.Total == 0 ? 1 : (double)slots.Filled / slots.Total, details);
    }
}
