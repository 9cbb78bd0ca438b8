using System.Text;
using System.Text.Json;
using AiFlow.Infrastructure.Media.Imaging;

namespace AiFlow.Infrastructure.Inference.Simulator;

// The parts of an OpenAI chat completions request the simulator acts on.
internal sealed class ChatRequest
{
    public string Model { get; private init; } = SimulatorModels.Chat;

    /// <summary>All message text, for prompt token accounting.</summary>
    public string AllText { get; private init; } = string.Empty;

    /// <summary>User messages only: system prompts list every enum value and would skew word overlap.</summary>
    public string UserText { get; private init; } = string.Empty;

    public string LastUserText { get; private init; } = string.Empty;

    public int? MaxTokens { get; private init; }

    public string ResponseFormat { get; private init; } = "text";

    public JsonElement? Schema { get; private init; }

    public bool Stream { get; private init; }

    public bool StreamUsage { get; private init; }

    /// <summary>Facts of each inline image part, in order; null for one that is not a decodable image.</summary>
    public IReadOnlyList<ImageFacts?> Images { get; private init; } = [];

    /// <summary>How many image parts arrived (inline or by URL).</summary>
    public int ImageParts { get; private init; }

    /// <summary>Why an image named by a media address could not be fetched, one line per such image; empty when all arrived.</summary>
    public IReadOnlyList<string> FetchErrors { get; private init; } = [];

    /// <summary>The image URLs of the request the simulator downloads (AiFlow media addresses), in order.</summary>
    public static IReadOnlyList<string> FetchableImageUrls(JsonElement body)
    {
        var urls = new List<string>();
        if (SchemaKeywords.Get(body, "messages") is not { ValueKind: JsonValueKind.Array } messages) return urls;
        foreach (var message in messages.EnumerateArray())
        {
            if (SchemaKeywords.Get(message, "content") is not { ValueKind: JsonValueKind.Array } parts) continue;
            foreach (var part in parts.EnumerateArray())
            {
                var url = SchemaKeywords.String(part, "type") == "image_url" && SchemaKeywords.Get(part, "image_url") is { } image ? SchemaKeywords.String(image, "url") : null;
                if (MediaAddressFetcher.IsMediaAddress(url)) urls.Add(url!);
            }
        }
        return urls;
    }

    /// <param name="fetched">The downloads of <see cref="FetchableImageUrls"/>, by URL: the bytes or why they could not be had.</param>
    public static ChatRequest Parse(JsonElement body, IReadOnlyDictionary<string, (byte[]? Bytes, string? Error)>? fetched = null)
    {
        var all = new StringBuilder();
        var users = new List<string>();
        var images = new List<ImageFacts?>();
        var errors = new List<string>();
        var parts = 0;
        if (SchemaKeywords.Get(body, "messages") is { ValueKind: JsonValueKind.Array } messages)
        {
            foreach (var message in messages.EnumerateArray())
            {
                var text = ContentText(SchemaKeywords.Get(message, "content"), images, ref parts, fetched, errors);
                all.AppendLine(text);
                if (SchemaKeywords.String(message, "role") == "user")
                {
                    users.Add(text);
                }
            }
        }

        var format = SchemaKeywords.Get(body, "response_format");
        var jsonSchema = format is { } f ? SchemaKeywords.Get(f, "json_schema") : null;
        return new ChatRequest
        {
            Model = SchemaKeywords.String(body, "model") ?? SimulatorModels.Chat,
            AllText = all.ToString().Trim(),
            UserText = users.Count > 0 ? string.Join("\n", users).Trim() : all.ToString().Trim(),
            LastUserText = users.Count > 0 ? users[^1].Trim() : all.ToString().Trim(),
            MaxTokens = SchemaKeywords.Int(body, "max_completion_tokens") ?? SchemaKeywords.Int(body, "max_tokens"),
            Stream = SchemaKeywords.IsTrue(body, "stream"),
            Images = images,
            ImageParts = parts,
            FetchErrors = errors,
            StreamUsage = SchemaKeywords.Get(body, "stream_options") is { } so && SchemaKeywords.IsTrue(so, "include_usage"),
            ResponseFormat = format is { } r ? SchemaKeywords.String(r, "type") ?? "text" : "text",
            Schema = jsonSchema is { } s && SchemaKeywords.Get(s, "schema") is { ValueKind: JsonValueKind.Object or JsonValueKind.True } schema
                ? schema.Clone()
                : null,
        };
    }

    // Content is a string or an array of parts; an inline or fetched image contributes what its decoded pixels show (so a
    // test can tell the bytes arrived), another image by URL the words of its file name.
    private static string ContentText(JsonElement? content, List<ImageFacts?> images, ref int imageParts,
        IReadOnlyDictionary<string, (byte[]? Bytes, string? Error)>? fetched, List<string> errors)
    {
        if (content is { ValueKind: JsonValueKind.String } text)
        {
            return text.GetString()!;
        }

        if (content is not { ValueKind: JsonValueKind.Array } parts)
        {
            return string.Empty;
        }

        var result = new List<string>();
        foreach (var part in parts.EnumerateArray())
        {
            switch (SchemaKeywords.String(part, "type"))
            {
                case "text" or "input_text":
                    result.Add(SchemaKeywords.String(part, "text") ?? string.Empty);
                    break;
                case "image_url":
                    var url = SchemaKeywords.Get(part, "image_url") is { } image ? SchemaKeywords.String(image, "url") : null;
                    imageParts++;
                    if (url is not null && url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                    {
                        var facts = InlineImage(url);
                        images.Add(facts);
                        result.Add(facts is null ? "An attached image that could not be decoded." : $"Image {images.Count}: {facts.Describe()}.");
                        break;
                    }
                    if (url is not null && fetched is not null && fetched.TryGetValue(url, out var download))
                    {
                        if (download.Bytes is null)
                        {
                            errors.Add($"Image part {imageParts}: {download.Error}.");
                            break;
                        }
                        var facts = ImageProbe.Read(download.Bytes);
                        images.Add(facts);
                        result.Add(facts is null ? "An attached image that could not be decoded." : $"Image {images.Count}: {facts.Describe()}.");
                        break;
                    }
                    result.Add(ImageWords(url));
                    break;
            }
        }

        return string.Join("\n", result.Where(r => r.Length > 0));
    }

    private static ImageFacts? InlineImage(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return ImageProbe.Read(Convert.FromBase64String(url[(comma + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string ImageWords(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return "An attached image.";
        }

        var name = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileNameWithoutExtension(uri.AbsolutePath) : url;
        return "An image of " + FileNameWords.From(name) + ".";
    }
}
