using System.Text.Json;
using AiFlow.Domain.Schemas.Validation;
using Json.Schema;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>AiFlow's validator and the referee (JsonSchema.Net 8.0.5), both with <c>format</c> left an annotation.</summary>
internal static class TwoValidators
{
    /// <summary>One judgement per instance; each validator compiles the schema once.</summary>
    public static Judgement[] Judge(DifferentialCase pair)
    {
        var (aiFlow, aiFlowProblem) = CompileAiFlow(pair.Schema);
        var referee = BuildReferee(pair.Schema);
        return [.. pair.Instances.Select(instance =>
        {
            using var document = JsonDocument.Parse(instance.Json);
            var (verdict, errors) = aiFlow is null ? (Verdict.SchemaRejected, aiFlowProblem) : AiFlow(aiFlow, document.RootElement);
            var (refereeVerdict, failure) = Referee(referee, document.RootElement);
            return new Judgement(pair.Schema, instance, verdict, refereeVerdict, errors, failure);
        })];
    }

    public static (CompiledSchema? Schema, string Problem) CompileAiFlow(string schema)
    {
        try
        {
            return (JsonSchemaCompiler.Compile(schema, SchemaValidationOptions.Default), string.Empty);
        }
        catch (SchemaCompilationException ex)
        {
            return (null, ex.Message);
        }
    }

    public static (Verdict Verdict, string Errors) AiFlow(CompiledSchema schema, JsonElement instance)
    {
        var result = schema.Validate(instance);
        return (result.IsValid ? Verdict.Valid : Verdict.Invalid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    /// <summary>
    /// The referee, or null and why when JsonSchema.Net refuses the schema (any exception: its failures are findings).
    /// The dialect is set because 8.0.5 defaults to v1/2026, not to the draft AiFlow implements; the registry is per
    /// schema because building registers it, and generated schemas must not meet each other.
    /// </summary>
    public static (JsonSchema? Schema, string Problem) BuildReferee(string schema, SchemaRegistry? registry = null)
    {
        try
        {
            return (JsonSchema.FromText(schema, new BuildOptions { SchemaRegistry = registry ?? new SchemaRegistry(), Dialect = Dialect.Draft202012 }), string.Empty);
        }
        catch (Exception ex)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public static (Verdict Verdict, string Failure) Referee((JsonSchema? Schema, string Problem) referee, JsonElement instance)
    {
        if (referee.Schema is not { } schema)
        {
            return (Verdict.SchemaRejected, referee.Problem);
        }

        try
        {
            return (schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid ? Verdict.Valid : Verdict.Invalid, string.Empty);
        }
        catch (Exception ex)
        {
            // The referee's own failures are findings to compare and write down, not reasons to stop the run.
            return (Verdict.Crashed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
