using AiFlow.Domain.Schemas.Validation;
using Xunit.Abstractions;

namespace AiFlow.Tests.Domain.Schemas;

/// <summary>Every required draft 2020-12 test of the official JSON Schema Test Suite, one named test each.</summary>
public sealed class JsonSchemaSuiteTests
{
    private const string Missing = "(suite not found)";
    private readonly ITestOutputHelper _output;

    public JsonSchemaSuiteTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static IEnumerable<object[]> RequiredCases()
    {
        if (JsonSchemaSuite.Root is null)
        {
            yield return [Missing, Missing, Missing];
            yield break;
        }

        foreach (var (file, group, test) in JsonSchemaSuite.Cases(JsonSchemaSuite.RequiredDirectory))
        {
            yield return [file, group, test];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(RequiredCases))]
    public void Draft2020_12_required_test_passes(string file, string group, string test)
    {
        JsonSchemaSuite.Require();
        var (schema, data, expected) = JsonSchemaSuite.Find(JsonSchemaSuite.RequiredDirectory, file, group, test);
        var compiled = JsonSchemaSuite.Compile($"required|{file}|{group}", schema, SchemaValidationOptions.Default);

        var result = compiled.Validate(data);

        Assert.True(
            expected == result.IsValid,
            $"expected {(expected ? "valid" : "invalid")}; errors: {string.Join(" | ", result.Errors.Select(e => e.Message))}");
        Assert.Equal(result.IsValid, compiled.IsValid(data));
        Assert.Equal(result.IsValid, result.Errors.Count == 0);
    }
}
