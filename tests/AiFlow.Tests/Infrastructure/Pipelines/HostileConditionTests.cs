using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Pipelines.Conditions;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.Infrastructure.Pipelines;

/// <summary>
/// The security review's hostile conditions and more. Each is refused at publish, naming what is forbidden, or fails at
/// run time with its reason; either way it also fails at run time (as if it had reached the database some other way),
/// within the deadline and without allocating far past the memory limit.
/// </summary>
// Alone, after the parallel tests: the time bounds are the point, and a busy pool would blur them.
[Collection(QuietCollection.Name)]
public class HostileConditionTests
{
    /// <summary>Generous for a shared 2-core machine; the review measured 10 s for the regex and 268 MB for the repeat.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private const long MemoryBound = 40_000_000;

    private static readonly ConditionScope Scope = new(new HashSet<string> { "classify" }, new Dictionary<string, IReadOnlySet<string>>());

    private static readonly JsonNode Input = JsonNode.Parse("""{"subject":"Broken pump","items":[1,2,3]}""")!;

    private static readonly Lazy<bool> WarmedUp = new(() => ConditionEvaluator.Evaluate("input.items.length > 2", Input, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()));

    /// <summary>(expression, what the publish refusal or, when it passes the check, the run-time error says).</summary>
    public static TheoryData<string, string> Hostile => new()
    {
        // Code from strings, through constructors and globals.
        { "input.constructor.constructor('return 1')()", "'constructor' is forbidden" },
        { "Function('return 1')()", "'Function' is forbidden" },
        { "this.constructor", "'this' is forbidden" },
        { "this", "'this' is forbidden" },
        { "globalThis.process", "'globalThis' is forbidden" },
        { "Object.getPrototypeOf(input)", "Unknown name 'Object'" },
        { "eval('1 + 1')", "'eval' is forbidden" },
        { "input.__proto__", "'__proto__' is forbidden" },
        { "Reflect.ownKeys(input)", "'Reflect' is forbidden" },
        { "new Proxy({}, {})", "'Proxy' is forbidden" },
        { "[].constructor.constructor('return this')()", "'constructor' is forbidden" },
        { "(() => 1).constructor('return 1')()", "only read values" },
        { "input[`con${'struct'}or`]('return 1')", "'constructor' is forbidden" },
        { "input['con' + 'structor']", "'constructor' is forbidden" },
        { "import('fs')", "'import()' is forbidden" },
        { "Math.max.prototype", "'prototype' is forbidden" },
        // Prototype pollution.
        { "input.items.__proto__.polluted = 1", "only read values" },
        { "({ __proto__: Math }).max(1, 2)", "'__proto__' is forbidden" },
        { "delete input.items", "'delete' is forbidden" },
        { "input.items.push.call(Math, 1)", "TypeError" },
        // Endless work.
        { "while (true) {}", "one expression" },
        { "function f() { f() }; f()", "one expression" },
        { "(function f() { return f() })()", "only read values" },
        { "/(a+)+$/.test('a'.repeat(30) + 'b')", "a regular expression ran longer than 100 ms" },
        { "/(x+x+)+y/.test('x'.repeat(5000))", "a regular expression ran longer than 100 ms" },
        // A chain of built-in calls is checked call by call, not only at the end of the expression's one statement.
        { "[" + string.Join(", ", Enumerable.Repeat("/(a+)+$/.test('a'.repeat(19) + 'b')", 40)) + "].length", "sandbox limits" },
        { "'ab'.repeat(5e4).split('')" + string.Concat(Enumerable.Repeat(".sort().reverse()", 60)) + ".length", "sandbox limits" },
        // Memory.
        { "'x'.repeat(2**27).length > 0", "repeat would build a string longer than 1,000,000 characters" },
        { "input.subject.padEnd(2**30).length > 0", "padEnd would build a string longer than 1,000,000 characters" },
        { "'x'.repeat(9e5).replaceAll('x', 'xx').length", "replaceAll would build a string longer" },
        { "input.items.join('x'.repeat(6e5)).length", "join would build a string longer" },
        { "'x'.repeat(1e6).split('').length", "array size" },
        { "new Array(1e9).join('x')", "only read values" },
        { "JSON.parse('[' + '1,'.repeat(3e6) + '1]')", "Unknown name 'JSON'" },
        { string.Join(" + ", Enumerable.Repeat("'x'.repeat(9e5)", 6)), "limited to 8000000" },
        { "[" + string.Join(", ", Enumerable.Repeat("'x'.repeat(9e5)", 40)) + "].length", "limited to 8000000" },
        { new string('x', ConditionLimits.MaxExpressionLength + 1), "at most 2,000 characters" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_condition_is_refused_at_publish_or_fails_at_run_time_within_the_deadline_and_memory_bound(string expression, string expected)
    {
        var check = ConditionChecker.Check(expression, Scope);
        if (!check.IsValid) Assert.Contains(check.Errors, e => e.Contains(expected, StringComparison.Ordinal));

        var (error, elapsed, allocated) = Evaluate(expression);

        Assert.NotNull(error);
        if (check.IsValid) Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.True(elapsed < Deadline, $"took {elapsed.TotalMilliseconds:0} ms");
        Assert.True(allocated < MemoryBound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public async Task An_asynchronous_evaluation_fails_a_runaway_condition_without_holding_the_caller()
    {
        _ = WarmedUp.Value;
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ConditionEvaluationException>(() => ConditionEvaluator.EvaluateAsync(
            "/(a+)+$/.test('a'.repeat(30) + 'b')", Input, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>(), CancellationToken.None));

        Assert.Contains("regular expression", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Deadline, $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Past_the_hard_deadline_the_caller_gets_an_error_while_the_engine_is_still_busy()
    {
        _ = WarmedUp.Value;
        var clock = Stopwatch.StartNew();

        // Forty matches of about 70 ms each, stopped by the engine's own budget only after 200 ms.
        var ex = await Assert.ThrowsAsync<ConditionEvaluationException>(() => ConditionEvaluator.EvaluateAsync(
            "[" + string.Join(", ", Enumerable.Repeat("/(a+)+$/.test('a'.repeat(19) + 'b')", 40)) + "].length", Input,
            new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>(), TimeSpan.FromMilliseconds(20), CancellationToken.None));

        // On a loaded machine the engine's own limit may trip before the caller's deadline is observed; either way the
        // caller is answered long before the forty matches could finish (about 2.8 s).
        Assert.True(ex.Reason == "it did not finish within 20 ms" || ex.Reason.StartsWith("it exceeded the sandbox limits", StringComparison.Ordinal), ex.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2.5), $"took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    private static (ConditionEvaluationException? Error, TimeSpan Elapsed, long Allocated) Evaluate(string expression)
    {
        _ = WarmedUp.Value;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        try
        {
            ConditionEvaluator.Evaluate(expression, Input, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>());
            return (null, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        catch (ConditionEvaluationException ex)
        {
            return (ex, clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
