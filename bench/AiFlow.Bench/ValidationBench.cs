using System.Text;
using System.Text.Json;
using AiFlow.Domain.Schemas.Validation;
using Json.Schema;

namespace AiFlow.Bench;

/// <summary>
/// Throughput and allocation of <see cref="CompiledSchema"/> beside its peer JsonSchema.Net 8.0.5 (the referee of ADR
/// 0017, the last version free for companies) on the same schemas and instances in the same run, printed as ratios;
/// then the worst cases the limits must contain. Each side is measured at its fastest for the question asked: a yes/no
/// (AiFlow's <c>IsValid</c>, JsonSchema.Net's <c>Flag</c> output) and a result with every error (AiFlow's
/// <c>Validate</c>, JsonSchema.Net's <c>List</c> output).
/// </summary>
internal static class ValidationBench
{
    private const string IrSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "additionalProperties": false,
          "required": ["id", "kind", "name", "owner", "steps", "tags"],
          "properties": {
            "id": { "type": "string", "pattern": "^[a-z][a-z0-9-]{2,63}$" },
            "kind": { "enum": ["pipeline", "agent", "tool"] },
            "name": { "type": "string", "minLength": 1, "maxLength": 200 },
            "owner": {
              "type": "object",
              "required": ["team", "email"],
              "properties": { "team": { "type": "string" }, "email": { "type": "string" } },
              "additionalProperties": false
            },
            "steps": {
              "type": "array",
              "minItems": 1,
              "items": {
                "type": "object",
                "required": ["name", "model", "maxTokens"],
                "properties": {
                  "name": { "type": "string" },
                  "model": { "type": "string" },
                  "maxTokens": { "type": "integer", "minimum": 1, "maximum": 200000 },
                  "temperature": { "type": "number", "minimum": 0, "maximum": 2 }
                }
              }
            },
            "tags": { "type": "array", "items": { "type": "string" }, "uniqueItems": true }
          }
        }
        """;

    private const string UnevaluatedSchema = """
        {
          "$defs": {
            "base": { "$ref": "#/$defs/named", "properties": { "id": { "type": "string" } } },
            "named": { "$ref": "#/$defs/described", "properties": { "name": { "type": "string" } } },
            "described": { "properties": { "description": { "type": "string" } } }
          },
          "allOf": [ { "$ref": "#/$defs/base" } ],
          "anyOf": [ { "properties": { "size": { "type": "integer" } } }, { "properties": { "weight": { "type": "number" } } } ],
          "properties": { "items": { "type": "array", "prefixItems": [ { "type": "string" } ], "unevaluatedItems": { "type": "integer" } } },
          "unevaluatedProperties": false
        }
        """;

    public static void Run()
    {
        var duration = TimeSpan.FromSeconds(3);
        var ir = JsonSchemaCompiler.Compile(IrSchema);
        var valid = Parse(ValidInstance());
        var invalid = Parse(ValidInstance().Replace("\"maxTokens\": 4096", "\"maxTokens\": -5", StringComparison.Ordinal).Replace("\"kind\": \"pipeline\"", "\"kind\": \"job\"", StringComparison.Ordinal));
        Console.WriteLine($"instance size: {Encoding.UTF8.GetByteCount(ValidInstance())} bytes");

        var peerIr = Peer(IrSchema);
        var flag = new EvaluationOptions { OutputFormat = OutputFormat.Flag };
        var list = new EvaluationOptions { OutputFormat = OutputFormat.List };

        var a = BenchTimer.Throughput("(a) IR schema, valid instance", () => ir.Validate(valid).IsValid, true, duration);
        var a1 = BenchTimer.Throughput("(a') IR schema, valid instance, IsValid", () => ir.IsValid(valid), true, duration);
        var peerA = BenchTimer.Throughput("    JsonSchema.Net, valid instance, Flag", () => peerIr.Evaluate(valid, flag).IsValid, true, duration);
        var peerA2 = BenchTimer.Throughput("    JsonSchema.Net, valid instance, List", () => peerIr.Evaluate(valid, list).IsValid, true, duration);
        var b = BenchTimer.Throughput("(b) IR schema, invalid instance (errors built)", () => ir.Validate(invalid).IsValid, false, duration);
        var peerB = BenchTimer.Throughput("    JsonSchema.Net, invalid instance, List", () => peerIr.Evaluate(invalid, list).IsValid, false, duration);

        var unevaluated = JsonSchemaCompiler.Compile(UnevaluatedSchema);
        var peerUnevaluated = Peer(UnevaluatedSchema);
        var unevaluatedInstance = Parse("""{"id":"a1","name":"widget","description":"a thing","size":3,"items":["x",1,2,3]}""");
        var c = BenchTimer.Throughput("(c) unevaluatedProperties + $ref chain, valid", () => unevaluated.Validate(unevaluatedInstance).IsValid, true, duration);
        var peerC = BenchTimer.Throughput("    JsonSchema.Net, the same, List", () => peerUnevaluated.Evaluate(unevaluatedInstance, list).IsValid, true, duration);

        Console.WriteLine("AiFlow ÷ JsonSchema.Net 8.0.5, same run (goal: valid ≥ 12 × or ≥ 150k/s per core):");
        Ratio("valid, yes/no (IsValid ÷ Flag)", a1, peerA);
        Ratio("valid, full result (Validate ÷ List)", a, peerA2);
        Ratio("invalid, errors built (Validate ÷ List)", b, peerB);
        Ratio("unevaluated + $ref chain (Validate ÷ List)", c, peerC);

        WorstCases();
    }

    private static void WorstCases()
    {
        var deep = JsonSchemaCompiler.Compile("""{"items":{"$ref":"#"},"properties":{"a":{"$ref":"#"}}}""");
        using var deepDocument = JsonDocument.Parse(new string('[', 5000) + new string(']', 5000), new JsonDocumentOptions { MaxDepth = 10000 });
        BenchTimer.Once("worst: 5000-deep instance (limit 256)", () => Outcome(deep.Validate(deepDocument.RootElement)));

        var loop = JsonSchemaCompiler.Compile("""{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""");
        var one = Parse("1");
        BenchTimer.Once("worst: $ref loop", () => Outcome(loop.Validate(one)));

        var defs = string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""
            "d{{i}}":{"anyOf":[{"$ref":"#/$defs/d{{i + 1}}"},{"$ref":"#/$defs/d{{i + 1}}"}]}
            """));
        var exponential = JsonSchemaCompiler.Compile($$"""{"$defs":{{{defs}},"d40":false},"$ref":"#/$defs/d0"}""");
        BenchTimer.Once("worst: 2^40 anyOf/$ref fan-out (step budget)", () => Outcome(exponential.Validate(one)));

        var bigArray = Parse("[" + string.Join(",", Enumerable.Range(0, 100_000)) + ",0]");
        var unique = JsonSchemaCompiler.Compile("""{"uniqueItems":true}""");
        BenchTimer.Once("worst: uniqueItems on 100k items", () => Outcome(unique.Validate(bigArray)));

        var regex = JsonSchemaCompiler.Compile("""{"pattern":"^(a+)+$"}""");
        var evil = Parse("\"" + new string('a', 30) + "!\"");
        BenchTimer.Once("worst: catastrophic regex ^(a+)+$", () => Outcome(regex.Validate(evil)));

        var backtracking = JsonSchemaCompiler.Compile("""{"pattern":"^(a+)+$(?<=a)"}""", SchemaValidationOptions.Default);
        BenchTimer.Once("worst: backtracking-only regex (40 ms timeout)", () => Outcome(backtracking.Validate(evil)));
    }

    private static void Ratio(string label, (double PerSecond, double Bytes) aiFlow, (double PerSecond, double Bytes) peer)
    {
        Console.WriteLine($"  {label,-44} {aiFlow.PerSecond / peer.PerSecond,6:0.0} × the rate, {aiFlow.Bytes:N0} B against {peer.Bytes:N0} B per validation");
        BenchReport.Add("validation", label, $"{aiFlow.PerSecond:N0}/s, {aiFlow.Bytes:N0} B", label.StartsWith("valid,", StringComparison.Ordinal) ? "≥ 12 × or ≥ 150k/s per core" : "",
            $"JsonSchema.Net 8.0.5: {peer.PerSecond:N0}/s, {peer.Bytes:N0} B", $"{BenchReport.Number(aiFlow.PerSecond / peer.PerSecond)} ×");
    }

    /// <summary>JsonSchema.Net on draft 2020-12 (8.0.5 defaults to a later dialect) with a registry of its own, as the tests' referee.</summary>
    private static JsonSchema Peer(string schema) =>
        JsonSchema.FromText(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 });

    private static string Outcome(SchemaValidationResult result) =>
        result.IsValid ? "valid" : "invalid: " + result.Errors[^1].Message;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string ValidInstance()
    {
        var steps = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            if (i > 0)
            {
                steps.Append(',');
            }

            steps.Append($$"""
                { "name": "step-{{i}}", "model": "gpt-large-2026", "maxTokens": 4096, "temperature": 0.{{i}} }
                """);
        }

        return $$"""
            {
              "id": "invoice-extraction-v2",
              "kind": "pipeline",
              "name": "Invoice extraction with validation and enrichment",
              "owner": { "team": "document-ai", "email": "document-ai@example.com" },
              "steps": [{{steps}}],
              "tags": ["finance", "extraction", "ocr", "llm", "nightly", "eu-west"]
            }
            """;
    }
}
