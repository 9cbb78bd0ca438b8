using System.Text.Json;

namespace AiFlow.Infrastructure.Inference.BuiltIn;

/// <summary>
/// Reads an OpenAI embeddings request body: <c>input</c> a string or an array of strings, <c>encoding_format</c> float
/// (the default) or base64. Pure, so every refusal is tested without a server; the message is what the 400 says.
/// </summary>
public sealed record BuiltInEmbeddingInput(IReadOnlyList<string> Texts, bool Base64)
{
    public static BuiltInEmbeddingInput Parse(JsonElement root, BuiltInEmbeddingOptions limits, out string? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        error = null;
        if (root.ValueKind != JsonValueKind.Object) return Refuse("The request body must be a JSON object.", out error);
        if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String
            && model.GetString() is { Length: > 0 } name && !name.Equals(BuiltInEmbeddingModel.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"The model '{name}' is not served here; this endpoint serves '{BuiltInEmbeddingModel.Name}'.", out error);
        }

        var base64 = false;
        if (root.TryGetProperty("encoding_format", out var format) && format.ValueKind != JsonValueKind.Null)
        {
            switch (format.ValueKind == JsonValueKind.String ? format.GetString() : null)
            {
                case "float": break;
                case "base64": base64 = true; break;
                default: return Refuse("'encoding_format' must be \"float\" or \"base64\".", out error);
            }
        }

        if (root.TryGetProperty("dimensions", out var dimensions) && dimensions.ValueKind != JsonValueKind.Null
            && !(dimensions.TryGetInt32(out var asked) && asked == BuiltInEmbeddingModel.Dimensions))
        {
            return Refuse($"'dimensions' can only be {BuiltInEmbeddingModel.Dimensions} for {BuiltInEmbeddingModel.Name}.", out error);
        }

        if (!root.TryGetProperty("input", out var input)) return Refuse("'input' is required: a string or an array of strings.", out error);
        List<string> texts;
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                texts = [input.GetString()!];
                break;
            case JsonValueKind.Array:
                if (input.GetArrayLength() == 0) return Refuse("'input' is an empty array; send at least one text.", out error);
                if (input.GetArrayLength() > limits.MaxInputs) return Refuse($"'input' has {input.GetArrayLength()} texts; at most {limits.MaxInputs} are embedded per request.", out error);
                texts = new List<string>(input.GetArrayLength());
                foreach (var item in input.EnumerateArray())
                {
                    // Token-id arrays are OpenAI's tokenizer's ids, which mean nothing to this model.
                    if (item.ValueKind != JsonValueKind.String) return Refuse($"'input[{texts.Count}]' is not a string; this endpoint embeds text, not token ids.", out error);
                    texts.Add(item.GetString()!);
                }
                break;
            default:
                return Refuse("'input' must be a string or an array of strings.", out error);
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var where = input.ValueKind == JsonValueKind.Array ? $"'input[{i}]'" : "'input'";
            if (string.IsNullOrWhiteSpace(texts[i])) return Refuse($"{where} is empty; there is nothing to embed.", out error);
            if (texts[i].Length > limits.MaxInputCharacters)
            {
                return Refuse($"{where} has {texts[i].Length} characters; at most {limits.MaxInputCharacters} are accepted (the model reads 512 tokens).", out error);
            }
        }

        return new BuiltInEmbeddingInput(texts, base64);
    }

    private static BuiltInEmbeddingInput Refuse(string message, out string? error)
    {
        error = message;
        return new BuiltInEmbeddingInput([], false);
    }
}
