using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// Evaluates a condition in a sandboxed Jint engine: no CLR access, and limits on time, memory, statements and recursion,
/// so a hostile or buggy expression fails its node instead of the worker.
/// </summary>
public static class ConditionEvaluator
{
    public static bool Evaluate(string expression, JsonNode? input, IReadOnlyDictionary<string, JsonNode?> ir,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> metrics)
    {
        var engine = new Engine(options => options
            .TimeoutInterval(TimeSpan.FromMilliseconds(200))
            .LimitMemory(8_000_000)
            .MaxStatements(10_000)
            .LimitRecursion(64)
            .Strict());
        try
        {
            var parser = new JsonParser(engine);
            engine.SetValue("input", parser.Parse(input?.ToJsonString() ?? "null"));
            var irObject = new JsonObject();
            foreach (var (node, value) in ir) irObject[node] = value?.DeepClone();
            engine.SetValue("ir", parser.Parse(irObject.ToJsonString()));
            var metricsObject = new JsonObject();
            foreach (var (node, values) in metrics)
            {
                var m = new JsonObject();
                foreach (var (key, value) in values) m[key] = double.IsFinite(value) ? value : null;
                metricsObject[node] = m;
            }
            engine.SetValue("metrics", parser.Parse(metricsObject.ToJsonString()));

            var result = engine.Evaluate(expression);
            return TypeConverter.ToBoolean(result);
        }
        catch (JavaScriptException ex)
        {
            throw new ConditionEvaluationException(expression, ex.Error.ToString(), ex);
        }
        catch (Exception ex) when (ex is TimeoutException or MemoryLimitExceededException or StatementsCountOverflowException or RecursionDepthOverflowException)
        {
            throw new ConditionEvaluationException(expression, "it exceeded the sandbox limits (" + ex.GetType().Name + ")", ex);
        }
        catch (Exception ex) when (ex is Acornima.SyntaxErrorException or JintException)
        {
            throw new ConditionEvaluationException(expression, ex.Message, ex);
        }
    }

    internal static JsValue Undefined => JsValue.Undefined;
}
