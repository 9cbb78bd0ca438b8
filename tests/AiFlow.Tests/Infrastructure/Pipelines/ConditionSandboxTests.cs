using System.Diagnostics;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Pipelines.Conditions;
using AiFlow.Tests.Support;
using Jint;

namespace AiFlow.Tests.Infrastructure.Pipelines;

/// <summary>The engine on its own, without the syntax check in front of it: what a condition that slipped past would meet.</summary>
// Alone, after the parallel tests: the time bounds are the point, and a busy pool would blur them.
[Collection(QuietCollection.Name)]
public class ConditionSandboxTests
{
    private static readonly ConditionData Data = ConditionData.From(JsonNode.Parse("""{"subject":"Broken pump","items":[1,2,3]}"""),
        new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>());

    [Theory]
    [InlineData("typeof Function === 'undefined' && typeof eval === 'undefined'")]
    [InlineData("typeof globalThis === 'undefined' && typeof Reflect === 'undefined' && typeof Proxy === 'undefined'")]
    [InlineData("typeof Object === 'undefined' && typeof Array === 'undefined' && typeof JSON === 'undefined'")]
    [InlineData("this.Function === undefined && this.eval === undefined")]
    [InlineData("input.constructor === undefined && input.items.constructor === undefined && input.subject.constructor === undefined")]
    [InlineData("(1).constructor === undefined && true.constructor === undefined && /x/.constructor === undefined && 1n.constructor === undefined")]
    [InlineData("Math.max.constructor === undefined && input.items.values().constructor === undefined")]
    [InlineData("input['__proto__'] === undefined && input.__defineGetter__ === undefined")]
    public void The_sandbox_realm_has_no_path_to_Function_eval_or_a_constructor(string probe)
    {
        Assert.True(Run(probe));
    }

    [Theory]
    [InlineData("(() => Function)()")]
    [InlineData("(function () { return this })().constructor.constructor('return 1')()")]
    [InlineData("input.items.map.call(input.items, x => x).constructor.constructor('return 1')()")]
    public void Code_cannot_be_created_from_a_string_even_through_a_function_the_check_would_refuse(string script)
    {
        var ex = Record.Exception(() => Run(script));

        Assert.IsType<Jint.Runtime.JavaScriptException>(ex);
    }

    [Theory]
    [InlineData("Math.polluted = 1")]
    [InlineData("input.items.push.call(Math, 1)")]
    [InlineData("Object.defineProperty(Math, 'max', { value: 1 })")]
    public void Shared_objects_are_frozen_so_nothing_a_condition_does_reaches_the_next_one(string script)
    {
        using var sandbox = ConditionSandbox.Rent();

        Assert.ThrowsAny<Exception>(() => Run(script, sandbox));

        Assert.True(Run("Math.polluted === undefined && Math[0] === undefined && Math.max(1, 2) === 2", sandbox));
    }

    [Theory]
    [MemberData(nameof(HostileConditionTests.Hostile), MemberType = typeof(HostileConditionTests))]
    public void Without_the_syntax_check_the_sandbox_still_bounds_every_hostile_condition(string script, string _)
    {
        Run("true"); // warm-up, so the clock measures the condition rather than the JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var ex = Record.Exception(() => Run(script));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed.TotalMilliseconds:0} ms ({ex?.Message})");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 40_000_000, $"allocated {GC.GetAllocatedBytesForCurrentThread() - before:N0} bytes");
    }

    private static bool Run(string script)
    {
        using var sandbox = ConditionSandbox.Rent();
        return Run(script, sandbox);
    }

    private static bool Run(string script, ConditionSandbox sandbox) => sandbox.Evaluate(Engine.PrepareScript(script, strict: true), Data, CancellationToken.None);
}
