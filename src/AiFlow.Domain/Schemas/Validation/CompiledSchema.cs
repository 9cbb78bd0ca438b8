using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// An immutable compiled schema; safe to share between threads. Validation first runs a short-circuiting
/// pass that allocates nothing, and only re-runs with error collection when the instance is invalid.
/// </summary>
public sealed class CompiledSchema
{
    private readonly SchemaNode _root;

    internal CompiledSchema(SchemaNode root, SchemaValidationOptions options)
    {
        _root = root;
        Options = options;
    }

    public SchemaValidationOptions Options { get; }

    /// <summary>Fast yes/no answer; a hit limit counts as invalid.</summary>
    public bool IsValid(JsonElement instance)
    {
        var context = EvaluationContext.Rent(_root, Options, collect: false);
        try
        {
            return _root.Evaluate(context, instance, null);
        }
        catch (SchemaLimitExceededException)
        {
            return false;
        }
        finally
        {
            context.Return();
        }
    }

    public SchemaValidationResult Validate(JsonElement instance)
    {
        var fast = EvaluationContext.Rent(_root, Options, collect: false);
        try
        {
            if (_root.Evaluate(fast, instance, null))
            {
                return SchemaValidationResult.Valid;
            }
        }
        catch (SchemaLimitExceededException ex)
        {
            // Re-running would only hit the same limit again (e.g. wait for a regex timeout twice).
            return new SchemaValidationResult(false, [new SchemaValidationError(fast.InstancePointer(), string.Empty, _root.Site.AbsoluteLocation, ex.Message)]);
        }
        finally
        {
            fast.Return();
        }

        var context = EvaluationContext.Rent(_root, Options, collect: true);
        try
        {
            _root.Evaluate(context, instance, null);
            var errors = context.Errors!;
            if (errors.Count == 0)
            {
                errors.Add(new SchemaValidationError(string.Empty, string.Empty, _root.Site.AbsoluteLocation, "the root value does not match the schema"));
            }

            return new SchemaValidationResult(false, [.. errors]);
        }
        catch (SchemaLimitExceededException ex)
        {
            var errors = context.Errors ?? [];
            errors.Add(new SchemaValidationError(context.InstancePointer(), string.Empty, _root.Site.AbsoluteLocation, ex.Message));
            return new SchemaValidationResult(false, [.. errors]);
        }
        finally
        {
            context.Return();
        }
    }

    /// <summary>Parses and validates UTF-8 JSON, enforcing the size and depth limits before any evaluation.</summary>
    public SchemaValidationResult Validate(ReadOnlySpan<byte> utf8Json)
    {
        if (SchemaLimits.CheckInstanceSize(utf8Json.Length, Options) is { } tooLarge)
        {
            return new SchemaValidationResult(false, [tooLarge]);
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = Options.MaxInstanceDepth + 1 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return new SchemaValidationResult(false, [new SchemaValidationError(string.Empty, string.Empty, string.Empty, "the instance is not acceptable JSON: " + ex.Message)]);
        }

        using (document)
        {
            return Validate(document.RootElement);
        }
    }
}
