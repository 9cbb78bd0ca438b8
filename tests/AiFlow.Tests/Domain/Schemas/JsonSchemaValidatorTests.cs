using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Tests.Domain.Schemas;

public sealed class JsonSchemaValidatorTests
{
    private const string OrderSchema = """
        {
          "type": "object",
          "required": ["customer", "items"],
          "properties": {
            "customer": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } },
            "items": {
              "type": "array",
              "items": { "type": "object", "properties": { "price": { "type": "number", "minimum": 0 } } }
            }
          }
        }
        """;

    [Fact]
    public void Validator_reports_the_pointer_and_the_bound_for_a_minimum_violation()
    {
        var result = Validate(OrderSchema, """{"customer":{"name":"Ada"},"items":[{"price":1},{"price":2},{"price":-3}]}""");

        var error = Assert.Single(result.Errors);
        Assert.False(result.IsValid);
        Assert.Equal("`/items/2/price` must be ≥ 0, was -3", error.Message);
        Assert.Equal("/items/2/price", error.InstanceLocation);
        Assert.Equal("/properties/items/items/properties/price/minimum", error.KeywordLocation);
    }

    [Fact]
    public void Validator_names_the_missing_property_and_where_it_was_required()
    {
        var result = Validate(OrderSchema, """{"customer":{},"items":[]}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("`/name` is required at `/customer`", error.Message);
        Assert.Equal("/customer", error.InstanceLocation);
    }

    [Fact]
    public void A_property_rejected_by_additional_properties_false_is_named_in_the_message()
    {
        var result = Validate("""{"properties":{"a":true},"additionalProperties":false}""", """{"a":1,"b":2}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("`/b` is not an allowed property (additionalProperties is false)", error.Message);
        Assert.Equal("/additionalProperties", error.KeywordLocation);
    }

    [Fact]
    public void Validator_collects_every_error_not_just_the_first()
    {
        var result = Validate(OrderSchema, """{"customer":{"name":7},"items":[{"price":-1}]}""");

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Message == "`/customer/name` must be a string, was an integer");
    }

    [Fact]
    public void Keyword_location_follows_the_ref_while_the_absolute_location_names_the_target()
    {
        var result = Validate(
            """{"$defs":{"positive":{"minimum":0}},"properties":{"n":{"$ref":"#/$defs/positive"}}}""",
            """{"n":-1}""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("/properties/n/$ref/minimum", error.KeywordLocation);
        Assert.EndsWith("#/$defs/positive/minimum", error.AbsoluteKeywordLocation, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_output_lists_each_error_with_its_locations()
    {
        var result = Validate(OrderSchema, """{"customer":{},"items":[{"price":-3}]}""");

        var output = JsonDocument.Parse(result.ToBasicOutputJson()).RootElement;
        Assert.False(output.GetProperty("valid").GetBoolean());
        var errors = output.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e =>
        {
            Assert.True(e.TryGetProperty("keywordLocation", out _));
            Assert.True(e.TryGetProperty("absoluteKeywordLocation", out _));
            Assert.True(e.TryGetProperty("instanceLocation", out _));
            Assert.True(e.TryGetProperty("error", out _));
        });
        Assert.Equal("""{"valid":true}""", SchemaValidationResult.Valid.ToBasicOutputJson());
    }

    [Fact]
    public void A_ref_loop_ends_with_an_infinite_recursion_error()
    {
        var result = Validate("""{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""", "1");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message.Contains("infinite $ref recursion", StringComparison.Ordinal));
    }

    [Fact]
    public void An_instance_nested_beyond_the_depth_limit_is_rejected_with_an_error()
    {
        var json = new string('[', 300) + new string(']', 300);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        var schema = JsonSchemaCompiler.Compile("""{"items":{"$ref":"#"}}""");

        var result = schema.Validate(document.RootElement);

        Assert.False(result.IsValid);
        Assert.Contains("nested deeper than 256", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unique_items_on_a_large_array_is_fast_and_names_the_duplicates()
    {
        var schema = JsonSchemaCompiler.Compile("""{"uniqueItems":true}""");
        var distinct = "[" + string.Join(",", Enumerable.Range(0, 50_000)) + "]";
        var duplicated = "[" + string.Join(",", Enumerable.Range(0, 50_000)) + ",{\"a\":1},1.0]";
        var watch = Stopwatch.StartNew();

        Assert.True(schema.IsValid(Parse(distinct)));
        var result = schema.Validate(Parse(duplicated));

        Assert.Equal("the root value must have unique items, but items 1 and 50001 are equal", Assert.Single(result.Errors).Message);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Exponential_applicator_nesting_stops_at_the_evaluation_budget()
    {
        var defs = string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""
            "d{{i}}":{"anyOf":[{"$ref":"#/$defs/d{{i + 1}}"},{"$ref":"#/$defs/d{{i + 1}}"}]}
            """));
        var schema = JsonSchemaCompiler.Compile($$"""{"$defs":{{{defs}},"d40":false},"$ref":"#/$defs/d0"}""");

        var result = schema.Validate(Parse("1"));

        // 2^40 evaluations would never end: stopping with the budget's message is the proof that the work is bounded.
        Assert.False(result.IsValid);
        Assert.Contains("schema evaluations", result.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_validation_enforces_the_size_and_depth_limits_before_parsing()
    {
        var schema = JsonSchemaCompiler.Compile("true", new SchemaValidationOptions { MaxInstanceBytes = 10, MaxInstanceDepth = 4 });

        Assert.Contains("more than the limit", schema.Validate("\"0123456789abc\""u8).Errors[0].Message, StringComparison.Ordinal);
        Assert.False(schema.Validate("[[[[[[1]]]]]]"u8).IsValid);
        Assert.True(schema.Validate("[[1]]"u8).IsValid);
    }

    [Fact]
    public void A_schema_nested_beyond_the_depth_limit_is_rejected_at_compile_time()
    {
        var json = string.Concat(Enumerable.Repeat("""{"not":""", 300)) + "{}" + new string('}', 300);

        var ex = Assert.Throws<SchemaCompilationException>(() => JsonSchemaCompiler.Compile(json, new SchemaValidationOptions { MaxSchemaDepth = 256 }));

        Assert.Contains("nested deeper than 256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_regex_ends_quickly_with_an_error()
    {
        var schema = JsonSchemaCompiler.Compile("""{"pattern":"^(a+)+$"}""");
        var watch = Stopwatch.StartNew();

        var result = schema.Validate(Parse("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\""));

        Assert.False(result.IsValid);
        // The linear-time engine answers "must match" at once; on a machine loaded enough to stall the first build of its
        // automaton past the 40 ms cap, the cap answers instead. Either is an error, quickly.
        Assert.True(result.Errors[0].Message.Contains("must match the pattern", StringComparison.Ordinal)
            || result.Errors[0].Message.Contains("took longer than", StringComparison.Ordinal), result.Errors[0].Message);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_pattern_the_linear_engine_runs_is_not_failed_by_the_regex_timeout_on_a_busy_machine()
    {
        // A one-tick timeout stands in for a busy machine: only the backtracking fallback may be cut short by the clock.
        var schema = JsonSchemaCompiler.Compile("""{"type":"string","pattern":"^[a-z]*$"}""", new SchemaValidationOptions { RegexTimeout = TimeSpan.FromTicks(1) });

        var result = schema.Validate(Parse("\"" + new string('a', 200_000) + "\""));

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void A_catastrophic_regex_that_needs_backtracking_times_out_with_an_error()
    {
        // The lookbehind forces the backtracking engine, so the match timeout is what stops it.
        var schema = JsonSchemaCompiler.Compile("""{"pattern":"^(a+)+$(?<=a)"}""", new SchemaValidationOptions { RegexTimeout = TimeSpan.FromMilliseconds(50) });
        var watch = Stopwatch.StartNew();

        var result = schema.Validate(Parse("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\""));

        Assert.False(result.IsValid);
        Assert.Contains("took longer than", result.Errors[^1].Message, StringComparison.Ordinal);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("""{"type":"integer","multipleOf":3}""", "1e30", false)]
    [InlineData("""{"type":"integer","multipleOf":3}""", "3e30", true)]
    [InlineData("""{"multipleOf":1.5}""", "1e30", false)]
    [InlineData("""{"multipleOf":1.5}""", "3e30", true)]
    [InlineData("""{"multipleOf":7}""", "123456789012345678901234567890123456789", false)]
    [InlineData("""{"multipleOf":9}""", "123456789012345678901234567890123456789", true)]
    [InlineData("""{"multipleOf":0.5}""", "1e-30", false)]
    [InlineData("""{"multipleOf":0.1}""", "0.1000000000000000000000000000001", false)]
    [InlineData("""{"multipleOf":1e-40}""", "1e-41", false)]
    [InlineData("""{"multipleOf":1e-40}""", "3", true)]
    [InlineData("""{"multipleOf":0.1}""", "0.3", true)]
    [InlineData("""{"multipleOf":0.01}""", "-19.99", true)]
    [InlineData("""{"multipleOf":2.5}""", "1e2", true)]
    [InlineData("""{"multipleOf":2}""", "7.00", false)]
    [InlineData("""{"exclusiveMinimum":0}""", "1e-30", true)]
    [InlineData("""{"minimum":1e-30}""", "0", false)]
    [InlineData("""{"maximum":0.1}""", "0.1000000000000000000000000000001", false)]
    [InlineData("""{"maximum":1e30}""", "1000000000000000000000000000001", false)]
    [InlineData("""{"type":"integer"}""", "1e-30", false)]
    [InlineData("""{"type":"integer"}""", "1.0000000000000000000000000000001", false)]
    [InlineData("""{"type":"integer"}""", "1.5e1", true)]
    [InlineData("""{"const":0.1}""", "0.1000000000000000000000000000001", false)]
    [InlineData("""{"const":1e30}""", "1000000000000000000000000000000.0", true)]
    [InlineData("""{"enum":[1]}""", "1.0", true)]
    [InlineData("""{"uniqueItems":true}""", "[0.1, 0.1000000000000000000000000000001]", true)]
    [InlineData("""{"uniqueItems":true}""", "[-0, 0.0]", false)]
    public void Number_keywords_read_the_exact_number_not_a_rounded_decimal_or_double(string schema, string instance, bool valid)
    {
        // Found by the JsonSchema.Net referee (ADR 0017): the double fallback called 1e30 a multiple of 3, and decimal
        // read 1e-30 as 0 (a multiple of anything, an integer, not > 0) and 0.1000000000000000000000000000001 as 0.1.
        Assert.Equal(valid, Validate(schema, instance).IsValid);
    }

    [Fact]
    public void Patterns_follow_ecma_262_semantics()
    {
        Assert.False(Validate("""{"pattern":"^\\d+$"}""", "\"١٢٣\"").IsValid);
        Assert.True(Validate("""{"pattern":"^\\p{Letter}+$"}""", "\"Ωmega\"").IsValid);
        Assert.False(Validate("""{"pattern":"^abc$"}""", "\"abc\\n\"").IsValid);
    }

    [Theory]
    [InlineData("date-time", "2024-02-29T12:30:00Z", "2024-02-30T12:30:00Z")]
    [InlineData("date", "2024-12-31", "2024-13-01")]
    [InlineData("time", "23:59:60Z", "25:00:00Z")]
    [InlineData("duration", "P1DT2H", "P1DT")]
    [InlineData("email", "ada@example.com", "ada@@example.com")]
    [InlineData("hostname", "api.example.com", "-bad-.example.com")]
    [InlineData("ipv4", "192.168.0.1", "256.1.1.1")]
    [InlineData("ipv6", "::1", "12345::")]
    [InlineData("uri", "https://example.com/a?b#c", "//example.com/no-scheme")]
    [InlineData("uri-reference", "../a/b", "a b")]
    [InlineData("uuid", "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2eb8aa08aa9811eab4aa73b441d16380")]
    [InlineData("regex", "^[a-z]+$", "^(abc")]
    [InlineData("regex", "(?<n>a)\\k<n>", "(?i)abc")]
    [InlineData("json-pointer", "/a/b~0c", "/a~2")]
    [InlineData("duration", "P1Y2M", "P1Y2D")]
    [InlineData("ipv6", "::ffff:192.168.0.1", "1::d6::42")]
    [InlineData("uri", "http://a.com:", "http://a.com:8:0")]
    [InlineData("email", "\"joe bloggs\"@example.com", "te..st@example.com")]
    public void Format_is_asserted_only_when_switched_on(string format, string valid, string invalid)
    {
        var schemaJson = $$"""{"format":"{{format}}"}""";
        var asserting = JsonSchemaCompiler.Compile(schemaJson, new SchemaValidationOptions { AssertFormats = true });
        var annotating = JsonSchemaCompiler.Compile(schemaJson);

        Assert.True(asserting.IsValid(Parse(JsonSerializer.Serialize(valid))));
        var result = asserting.Validate(Parse(JsonSerializer.Serialize(invalid)));
        Assert.False(result.IsValid);
        Assert.Contains($"must be a valid {format}", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.True(annotating.IsValid(Parse(JsonSerializer.Serialize(invalid))));
    }

    [Fact]
    public void Invalid_schemas_are_rejected_at_compile_time_with_every_problem_listed()
    {
        var ex = Assert.Throws<SchemaCompilationException>(() => JsonSchemaCompiler.Compile(
            """{"properties":{"a":42,"b":{"pattern":"(unclosed"},"c":{"minLength":-1}},"type":"text"}"""));

        Assert.Equal(4, ex.Problems.Count);
        Assert.Contains(ex.Problems, p => p.Contains("must be a schema (an object or a boolean), was an integer", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("minLength` must be a non-negative integer, was -1", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("`text` is not a JSON Schema type", StringComparison.Ordinal));
    }

    [Fact]
    public void A_non_schema_root_and_an_unresolvable_ref_are_compile_errors()
    {
        Assert.Throws<SchemaCompilationException>(() => JsonSchemaCompiler.Compile("42"));
        var ex = Assert.Throws<SchemaCompilationException>(() => JsonSchemaCompiler.Compile("""{"$ref":"https://example.com/nowhere.json"}"""));
        Assert.Contains("cannot resolve the reference", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_schema_validation_explains_what_is_wrong_with_a_schema()
    {
        Assert.True(MetaSchemaValidator.IsValid(Parse(OrderSchema)));

        var result = MetaSchemaValidator.Validate(Parse("""{"minLength":-1,"type":"text"}"""));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.InstanceLocation == "/minLength" && e.Message.Contains("≥ 0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cache_compiles_each_key_once_and_results_are_thread_safe()
    {
        var cache = new CompiledSchemaCache();
        int compiles = 0;
        CompiledSchema Factory()
        {
            Interlocked.Increment(ref compiles);
            return JsonSchemaCompiler.Compile(OrderSchema);
        }

        var schemas = Enumerable.Range(0, 16).AsParallel().Select(_ => cache.GetOrAdd("order@v1", Factory)).ToList();
        var instance = Parse("""{"customer":{"name":"Ada"},"items":[{"price":-3}]}""");
        var results = Enumerable.Range(0, 200).AsParallel().Select(_ => schemas[0].Validate(instance).Errors.Count).ToList();

        Assert.Equal(1, compiles);
        Assert.All(schemas, s => Assert.Same(schemas[0], s));
        Assert.All(results, count => Assert.Equal(1, count));
    }

    [Fact]
    public void Unevaluated_properties_see_properties_evaluated_through_refs_and_applicators()
    {
        const string schema = """
            {
              "$defs": { "named": { "properties": { "name": { "type": "string" } } } },
              "allOf": [ { "$ref": "#/$defs/named" } ],
              "anyOf": [ { "properties": { "age": { "type": "integer" } } }, { "required": ["nick"] } ],
              "unevaluatedProperties": false
            }
            """;

        Assert.True(Validate(schema, """{"name":"Ada","age":36}""").IsValid);
        var result = Validate(schema, """{"name":"Ada","age":36,"extra":1}""");
        Assert.Equal("/extra", Assert.Single(result.Errors).InstanceLocation);
    }

    private static SchemaValidationResult Validate(string schema, string instance) =>
        JsonSchemaCompiler.Compile(schema).Validate(Parse(instance));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        return document.RootElement.Clone();
    }

    [Theory]
    [InlineData("""{"minimum":0,"maximum":2}""", "0.7", true)]
    [InlineData("""{"minimum":0,"maximum":2}""", "2.000", true)]
    [InlineData("""{"minimum":0,"maximum":2}""", "1.999", true)]
    [InlineData("""{"minimum":0,"maximum":2}""", "-0", true)]
    [InlineData("""{"minimum":0,"maximum":2}""", "2.000001", false)]
    [InlineData("""{"minimum":0,"maximum":2}""", "-0.5", false)]
    [InlineData("""{"exclusiveMinimum":-3,"exclusiveMaximum":-2}""", "-2.5", true)]
    [InlineData("""{"exclusiveMinimum":-3,"exclusiveMaximum":-2}""", "-2.0", false)]
    [InlineData("""{"exclusiveMinimum":-3,"exclusiveMaximum":-2}""", "-3.00", false)]
    [InlineData("""{"exclusiveMinimum":-3,"exclusiveMaximum":-2}""", "-3.5", false)]
    [InlineData("""{"maximum":-1}""", "-0.5", false)]
    [InlineData("""{"maximum":-1}""", "-1.5", true)]
    [InlineData("""{"maximum":0.5}""", "0.49999999999999999999", true)]
    [InlineData("""{"maximum":2}""", "1.5e0", true)]
    [InlineData("""{"maximum":2}""", "99999999999999999999.5", false)]
    public void Bounds_compare_fractions_negatives_and_long_digits_exactly(string schema, string number, bool valid)
    {
        var compiled = JsonSchemaCompiler.Compile(schema);

        Assert.Equal(valid, compiled.IsValid(Parse(number)));
        Assert.Equal(valid, compiled.Validate(Parse(number)).IsValid);
    }
}
