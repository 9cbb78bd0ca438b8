using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Runtime;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// A Jint engine in which a condition cannot make or reach code: strings never compile (<c>eval</c>, <c>Function</c>),
/// the globals other than input, ir, metrics and Math are deleted (with them <c>Function</c>, <c>Reflect</c>,
/// <c>Proxy</c>, <c>globalThis</c>, <c>Object</c>, <c>JSON</c>), the prototypes a value can lead to have no
/// <c>constructor</c> and are frozen, and every built-in method checks the limits before it runs (ADR 0015).
/// <para>
/// Engines are pooled. Hardening one costs more than an evaluation, and nothing a condition does outlives it: the shared
/// objects are frozen and input, ir and metrics are set anew. An engine whose evaluation hit a limit is dropped.
/// </para>
/// </summary>
internal sealed class ConditionSandbox : IDisposable
{
    private const int PoolSize = 16;
    private static readonly ConcurrentBag<ConditionSandbox> Pool = [];

    /// <summary>Every prototype a value in a condition can lead to: literals, input data, regex literals, iterators.</summary>
    private static readonly string[] Prototypes = ["Object", "Function", "Array", "String", "Number", "Boolean", "RegExp", "Symbol", "BigInt", "Iterator"];

    /// <summary>
    /// Run once per engine, outside any budget, through the paths ordinary conditions take: the first run of a path
    /// compiles it, which on a busy machine can take a condition's whole 200 ms.
    /// </summary>
    private static readonly Prepared<Script> WarmUp = Engine.PrepareScript(
        "[/a/i.test('A'), 'a  b'.replace(/\\s+/g, ' '), 'Ab'.toLowerCase().includes('a'), [1, 2].join(','), `${1}`, Math.max(...[1, 2]), ({ a: 1 })?.a ?? 0] !== null",
        strict: true);

    // Options of its own: Evaluate changes its array cap while it reads the data, and the engine reads the cap live.
    private readonly Options options = NewOptions();
    private readonly Engine engine;
    private readonly OperationDeadlineConstraint deadline;

    private ConditionSandbox()
    {
        engine = new Engine(options);
        deadline = engine.Constraints.Find<OperationDeadlineConstraint>()!;
        Harden();
        engine.Evaluate(WarmUp);
    }

    public static ConditionSandbox Rent() => Pool.TryTake(out var sandbox) ? sandbox : new ConditionSandbox();

    /// <summary>Back to the pool; only for an engine whose evaluation ended normally or with a script error.</summary>
    public void Return()
    {
        if (Pool.Count < PoolSize) Pool.Add(this);
        else Dispose();
    }

    public void Dispose() => engine.Dispose();

    public bool Evaluate(in Prepared<Script> script, ConditionData data, CancellationToken cancellationToken)
    {
        // The cap is for arrays a condition builds; the run's own data is bounded where it comes from.
        options.Constraints.MaxArraySize = uint.MaxValue;
        try
        {
            engine.SetValue("input", ConditionData.ToJs(engine, data.Input));
            engine.SetValue("ir", ConditionData.ToJs(engine, data.Ir));
            engine.SetValue("metrics", ConditionData.ToJs(engine, data.Metrics));
        }
        finally
        {
            options.Constraints.MaxArraySize = ConditionLimits.MaxArraySize;
        }
        deadline.Begin(ConditionLimits.Timeout, cancellationToken);
        try
        {
            return TypeConverter.ToBoolean(engine.Evaluate(script));
        }
        finally
        {
            deadline.End();
        }
    }

    private static Options NewOptions()
    {
        var options = new Options()
            .LimitMemory(ConditionLimits.MaxMemoryBytes)
            .MaxStatements(ConditionLimits.MaxStatements)
            .LimitRecursion(ConditionLimits.MaxRecursionDepth)
            .Strict()
            .DisableStringCompilation()
            .Constraint(() => new OperationDeadlineConstraint());
        options.Constraints.RegexTimeout = ConditionLimits.RegexTimeout;
        options.Constraints.MaxArraySize = ConditionLimits.MaxArraySize;
        return options;
    }

    private void Harden()
    {
        var global = engine.Global;
        var freeze = ((ObjectInstance)global.Get("Object")).Get("freeze");
        var rangeError = (ErrorConstructor)global.Get("RangeError");
        var prototypes = Prototypes.ToDictionary(name => name, name => (ObjectInstance)((ObjectInstance)global.Get(name)).Get("prototype"));
        var math = (ObjectInstance)global.Get("Math");

        SandboxBuiltins.GuardStrings(engine, prototypes["String"], rangeError);
        SandboxBuiltins.GuardArrays(engine, prototypes["Array"], rangeError);
        foreach (var name in new[] { "Object", "Number", "Boolean", "RegExp", "BigInt", "Iterator" }) SandboxBuiltins.Guard(engine, prototypes[name], rangeError);
        SandboxBuiltins.Guard(engine, math, rangeError);

        foreach (var prototype in prototypes.Values) prototype.Delete("constructor");
        foreach (var legacy in new[] { "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__" }) prototypes["Object"].Delete(legacy);
        foreach (var shared in prototypes.Values.Append(math)) engine.Call(freeze, JsValue.Undefined, [shared]);

        foreach (var key in global.GetOwnPropertyKeys().Where(k => !ConditionSyntax.AllowedGlobals.Contains(k.ToString())).ToList()) global.Delete(key);
    }
}
