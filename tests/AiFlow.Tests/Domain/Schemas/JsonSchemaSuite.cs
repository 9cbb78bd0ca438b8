using System.Collections.Concurrent;
using System.Text.Json;
using AiFlow.Domain.Schemas.Validation;

namespace AiFlow.Tests.Domain.Schemas;

/// <summary>
/// Locates the official JSON Schema Test Suite beside the repository (<c>&lt;repo&gt;/../shared/data/…</c>)
/// or under <c>AIFLOW_SHARED_DIR</c>, and caches parsed files. Nothing of the suite lives in the repo.
/// </summary>
internal static class JsonSchemaSuite
{
    private const string SuiteRelativePath = "data/json-schema-test-suite";
    private static readonly Lazy<string?> s_root = new(FindRoot);
    private static readonly ConcurrentDictionary<string, JsonElement> s_files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, CompiledSchema> s_compiled = new(StringComparer.Ordinal);

    public static string? Root => s_root.Value;

    public static string MissingMessage =>
        $"The JSON Schema Test Suite was not found: set AIFLOW_SHARED_DIR or place `shared/{SuiteRelativePath}` beside the repository (searched upwards from {AppContext.BaseDirectory}).";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RequiredDirectory => Path.Combine(Root!, "tests", "draft2020-12");

    /// <summary>
    /// Fails the calling test when the suite is missing under CI (a skipped conformance run must never look green
    /// there) and skips it, with the reason, everywhere else.
    /// </summary>
    public static void Require()
    {
        if (Root is null && IsCi)
        {
            Assert.Fail(MissingMessage);
        }

        Skip.If(Root is null, MissingMessage);
    }

    /// <summary>(file, group description, test description) for every test in the given folder.</summary>
    public static IEnumerable<(string File, string Group, string Test)> Cases(string directory)
    {
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var group in Load(path).EnumerateArray())
            {
                foreach (var test in group.GetProperty("tests").EnumerateArray())
                {
                    yield return (Path.GetFileName(path), group.GetProperty("description").GetString()!, test.GetProperty("description").GetString()!);
                }
            }
        }
    }

    public static (JsonElement Schema, JsonElement Data, bool Valid) Find(string directory, string file, string group, string test)
    {
        foreach (var g in Load(Path.Combine(directory, file)).EnumerateArray())
        {
            if (g.GetProperty("description").GetString() != group)
            {
                continue;
            }

            foreach (var t in g.GetProperty("tests").EnumerateArray())
            {
                if (t.GetProperty("description").GetString() == test)
                {
                    return (g.GetProperty("schema"), t.GetProperty("data"), t.GetProperty("valid").GetBoolean());
                }
            }
        }

        throw new InvalidOperationException($"Test {file} / {group} / {test} not found.");
    }

    public static CompiledSchema Compile(string cacheKey, JsonElement schema, SchemaValidationOptions options) =>
        s_compiled.GetOrAdd(cacheKey, _ => JsonSchemaCompiler.Compile(schema, options, new SuiteRemoteResolver(Path.Combine(Root!, "remotes"))));

    private static JsonElement Load(string path) =>
        s_files.GetOrAdd(path, p =>
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(p), new JsonDocumentOptions { MaxDepth = 512 });
            return document.RootElement.Clone();
        });

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("AIFLOW_SHARED_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            // Accept the shared folder itself or the suite folder directly.
            var candidate = Path.Combine(fromEnvironment, SuiteRelativePath);
            return Directory.Exists(candidate) ? candidate
                : Directory.Exists(Path.Combine(fromEnvironment, "tests", "draft2020-12")) ? fromEnvironment
                : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", SuiteRelativePath);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
