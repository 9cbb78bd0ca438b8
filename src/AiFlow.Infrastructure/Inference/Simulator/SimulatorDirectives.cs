using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// What one request asked for: headers win over the model-name suffix, which wins over options.
// The suffix exists because the OpenAI .NET client cannot easily set headers per call.
internal sealed record SimulatorDirectives
{
    public string BaseModel { get; init; } = SimulatorModels.Chat;

    public int? LatencyMs { get; init; }

    public SimulatorFault Fault { get; init; }

    public int FaultStatusCode { get; init; } = 500;

    public double FaultRate { get; init; } = 1;

    public int? RetryAfterSeconds { get; init; }

    public int FailFirst { get; init; }

    public static SimulatorDirectives From(IHeaderDictionary headers, string? model)
    {
        var fromModel = FromModel(model);
        var (fault, status) = ParseFault(Header(headers, "x-sim-fault"));
        return fromModel with
        {
            LatencyMs = ParseInt(Header(headers, "x-sim-latency-ms")) ?? fromModel.LatencyMs,
            Fault = fault != SimulatorFault.None ? fault : fromModel.Fault,
            FaultStatusCode = fault != SimulatorFault.None ? status : fromModel.FaultStatusCode,
            FaultRate = ParseDouble(Header(headers, "x-sim-fault-rate")) ?? fromModel.FaultRate,
            RetryAfterSeconds = ParseInt(Header(headers, "x-sim-retry-after")) ?? fromModel.RetryAfterSeconds,
            FailFirst = ParseInt(Header(headers, "x-sim-fail-first")) ?? fromModel.FailFirst,
        };
    }

    // "sim-chat@fault=500@latency=50" (also ';' or ',' between settings).
    public static SimulatorDirectives FromModel(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return new SimulatorDirectives();
        }

        var parts = model.Split(['@', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var directives = new SimulatorDirectives { BaseModel = model.Split('@')[0].Trim() };
        foreach (var part in parts.Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            var value = pair.Length == 2 ? pair[1] : null;
            directives = pair[0].ToLowerInvariant() switch
            {
                "latency" or "latency-ms" => directives with { LatencyMs = ParseInt(value) },
                "fault" => WithFault(directives, value),
                "fault-rate" or "rate" => directives with { FaultRate = ParseDouble(value) ?? 1 },
                "retry-after" => directives with { RetryAfterSeconds = ParseInt(value) },
                "fail-first" => directives with { FailFirst = ParseInt(value) ?? 0 },
                _ => directives,
            };
        }

        return directives;
    }

    private static SimulatorDirectives WithFault(SimulatorDirectives directives, string? value)
    {
        var (fault, status) = ParseFault(value);
        return directives with { Fault = fault, FaultStatusCode = status };
    }

    private static (SimulatorFault Fault, int Status) ParseFault(string? value)
    {
        var text = value?.Trim().ToLowerInvariant();
        return text switch
        {
            null or "" or "none" => (SimulatorFault.None, 500),
            "429" or "rate-limit" or "ratelimit" => (SimulatorFault.RateLimit, 429),
            "timeout" or "hang" => (SimulatorFault.Timeout, 0),
            "malformed" or "malformed-json" => (SimulatorFault.Malformed, 200),
            "schema-violation" or "schema" => (SimulatorFault.SchemaViolation, 200),
            "oversized" or "huge" => (SimulatorFault.Oversized, 200),
            _ when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code is >= 400 and < 600
                => (SimulatorFault.ErrorStatus, code),
            _ => (SimulatorFault.ErrorStatus, 500),
        };
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) ? values.ToString() : null;

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static double? ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
