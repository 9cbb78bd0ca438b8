using OpenAI.Chat;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Builds the chat messages and options of a structured call.</summary>
internal static class ChatMessages
{
    /// <param name="imageUrls">The request's images in the form this attempt's endpoint takes (<see cref="CallImage.FormForAsync"/>).</param>
    public static List<ChatMessage> For(StructuredCallRequest request, IReadOnlyList<string> imageUrls)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(request.SystemPrompt))
        {
            messages.Add(new SystemChatMessage(request.SystemPrompt));
        }

        var parts = new List<ChatMessageContentPart> { ChatMessageContentPart.CreateTextPart(request.UserPrompt) };
        parts.AddRange(imageUrls.Select(ImagePart));
        messages.Add(new UserChatMessage(parts));
        return messages;
    }

    public static ChatCompletionOptions OptionsFor(StructuredCallRequest request, string model)
    {
        var options = new ChatCompletionOptions();
        if (request.Schema is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(request.SchemaName, BinaryData.FromString(schema.GetRawText()));
        }

        if (request.MaxTokens is { } max)
        {
            options.MaxOutputTokenCount = max;
        }

        if (request.Temperature is { } temperature && !ReasoningModels.Is(model))
        {
            options.Temperature = (float)temperature;
        }

        return options;
    }

    // data: URLs travel as bytes (System.Uri caps length); http(s) URLs are passed for the model server to fetch.
    private static ChatMessageContentPart ImagePart(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var header = url[5..comma];
            var mediaType = header.Split(';')[0];
            var bytes = Convert.FromBase64String(url[(comma + 1)..]);
            return ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(bytes), string.IsNullOrEmpty(mediaType) ? "image/png" : mediaType);
        }

        return ChatMessageContentPart.CreateImagePart(new Uri(url));
    }
}
