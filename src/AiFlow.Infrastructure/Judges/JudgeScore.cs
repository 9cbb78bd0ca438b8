using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// A judge's score for one output (on the judge's range), or why there is none (<see cref="Error"/>: the judge is
/// unknown, its endpoint failed, its answer was malformed). <see cref="Details"/> names the judge version and holds its
/// reasoning and category, or <c>errored</c> and the reason; the call's tokens and cost are what must be booked.
/// </summary>
public sealed record JudgeScore(double? Value, string? Error, JsonObject Details, int TokensIn = 0, int TokensOut = 0, decimal CostUsd = 0)
{
    /// <summary>The key in a result's details that marks a judge metric that could not be scored.</summary>
    public const string ErroredKey = "errored";

    /// <summary>Whether <paramref name="details"/> (a metric's details) mark a judge that errored.</summary>
    public static bool IsErrored(JsonNode? details) => details is JsonObject o && o[ErroredKey] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
