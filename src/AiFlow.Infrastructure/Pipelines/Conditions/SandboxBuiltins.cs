using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// Puts a guard in front of every built-in method a condition can call. Jint checks time and memory between statements,
/// and a condition is a single expression, so without these checks one expression could chain native calls for seconds;
/// and a native call that builds a string allocates all of it before any check, so the growing ones are sized first.
/// </summary>
internal static class SandboxBuiltins
{
    private delegate double Estimate(JsValue self, JsValue[] arguments);

    /// <summary>How long the string a growing method would build can get, judged before it runs.</summary>
    private static readonly Dictionary<string, Estimate> StringGrowth = new(StringComparer.Ordinal)
    {
        ["repeat"] = (self, a) => Length(self) * TypeConverter.ToNumber(Arg(a, 0)),
        ["padStart"] = (_, a) => TypeConverter.ToNumber(Arg(a, 0)),
        ["padEnd"] = (_, a) => TypeConverter.ToNumber(Arg(a, 0)),
        ["concat"] = (self, a) => Length(self) + a.Sum(Length),
        ["replace"] = (self, a) => Replaced(self, a, IsGlobal(Arg(a, 0))),
        ["replaceAll"] = (self, a) => Replaced(self, a, true),
    };

    private static readonly Dictionary<string, Estimate> ArrayGrowth = new(StringComparer.Ordinal)
    {
        ["join"] = (self, a) => Joined(self, Arg(a, 0).IsUndefined() ? 1 : Length(Arg(a, 0))),
        ["toLocaleString"] = (self, _) => Joined(self, 1),
    };

    public static void GuardStrings(Engine engine, ObjectInstance prototype, ErrorConstructor rangeError) => Guard(engine, prototype, rangeError, StringGrowth);

    public static void GuardArrays(Engine engine, ObjectInstance prototype, ErrorConstructor rangeError) => Guard(engine, prototype, rangeError, ArrayGrowth);

    public static void Guard(Engine engine, ObjectInstance target, ErrorConstructor rangeError) => Guard(engine, target, rangeError, []);

    private static void Guard(Engine engine, ObjectInstance target, ErrorConstructor rangeError, Dictionary<string, Estimate> growth)
    {
        foreach (var (key, descriptor) in target.GetOwnProperties().ToList())
        {
            if (!key.IsString() || key.ToString() == "constructor" || descriptor.Value is not ObjectInstance original || !original.IsCallable()) continue;
            var name = key.ToString();
            var estimate = growth.GetValueOrDefault(name);
            var guarded = new ClrFunction(engine, name, (self, arguments) =>
            {
                // Time, memory and the caller's deadline, before the call rather than at the next statement.
                engine.Constraints.Check();
                if (estimate is not null && estimate(self, arguments) > ConditionLimits.MaxStringLength)
                {
                    throw new JavaScriptException(rangeError, $"{name} would build a string longer than {ConditionLimits.MaxStringLength:N0} characters");
                }
                return engine.Call(original, self, arguments);
            }, (int)TypeConverter.ToNumber(original.Get("length")), PropertyFlag.Configurable);
            target.FastSetProperty(name, new PropertyDescriptor(guarded, PropertyFlag.Writable | PropertyFlag.Configurable));
        }
    }

    private static JsValue Arg(JsValue[] arguments, int index) => index < arguments.Length ? arguments[index] : JsValue.Undefined;

    private static double Length(JsValue value) => value.IsString() ? value.AsString().Length : TypeConverter.ToString(value).Length;

    private static bool IsGlobal(JsValue pattern) => pattern is ObjectInstance regex && TypeConverter.ToBoolean(regex.Get("global"));

    /// <summary>
    /// Every position can match (an empty pattern does), and each match inserts the replacement, whose <c>$'</c>-style
    /// patterns can insert the whole subject again. A function as replacement calls guarded built-ins, each checked.
    /// </summary>
    private static double Replaced(JsValue self, JsValue[] arguments, bool everyMatch)
    {
        var replacement = Arg(arguments, 1);
        if (replacement is ObjectInstance function && function.IsCallable()) return 0;
        var subject = Length(self);
        var text = TypeConverter.ToString(replacement);
        var perMatch = text.Length + text.Count(c => c == '$') * subject;
        return subject + (everyMatch ? subject + 1 : 1) * perMatch;
    }

    /// <summary>The joined length; an array-like with a huge length fails on the separators before any element is read.</summary>
    private static double Joined(JsValue self, double separator)
    {
        if (self is not ObjectInstance array) return 0;
        var count = TypeConverter.ToNumber(array.Get("length"));
        if (!(count * separator <= ConditionLimits.MaxStringLength) || count > ConditionLimits.MaxArraySize) return double.PositiveInfinity;
        var total = count * separator;
        for (uint i = 0; i < count && total <= ConditionLimits.MaxStringLength; i++)
        {
            var element = array.Get(i);
            if (!element.IsNull() && !element.IsUndefined()) total += Length(element);
        }
        return total;
    }
}
