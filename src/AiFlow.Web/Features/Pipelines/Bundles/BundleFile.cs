using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiFlow.Web.Api;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// Writes bundles and reads them through the API's body binder (ADR 0021), so an uploaded file and a request body are
/// refused for the same reasons with the same pointers. The format is read first, so an old file is told it is old
/// rather than that its members have the wrong types.
/// </summary>
public static class BundleFile
{
    public const int MaxBytes = 4_000_000;

    private static readonly JsonSerializerOptions WriteOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file people read and diff: keep quotes in prompts and conditions as they were typed (never embedded in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(PipelineBundle bundle) => JsonSerializer.Serialize(bundle, WriteOptions);

    /// <summary>An uploaded file's text: checked as a request body is, then bound.</summary>
    public static PipelineBundle? Read(string text, out BundleIssue? issue)
    {
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        if (bytes.Length > MaxBytes) { issue = new("", $"The file is larger than {MaxBytes / 1_000_000} MB."); return null; }
        if (JsonBodyCheck.Find(bytes) is { } fault)
        {
            issue = new(fault.Pointer, $"The file is not a pipeline bundle: {fault.Title}{(fault.Detail is null ? "" : " " + fault.Detail)}");
            return null;
        }
        if (JsonNode.Parse(bytes) is not JsonObject body) { issue = new("", "The file is not a pipeline bundle: it must be a JSON object."); return null; }
        return Bind(body, out issue);
    }

    /// <summary>A body the API has already checked (<see cref="JsonBody.ReadObjectAsync"/>).</summary>
    public static PipelineBundle? Bind(JsonObject body, out BundleIssue? issue)
    {
        ArgumentNullException.ThrowIfNull(body);
        var format = body["format"] is JsonValue v && v.TryGetValue<int>(out var f) ? f : (int?)null;
        if (format != PipelineBundle.CurrentFormat)
        {
            issue = new("/format", body.ContainsKey("format") && format is null
                ? $"'format' must be a whole number; this console reads pipeline bundles of format {PipelineBundle.CurrentFormat}."
                : BundleChecks.FormatMessage(format));
            return null;
        }
        var bundle = JsonBinding.TryBind<PipelineBundle>(JsonSerializer.SerializeToUtf8Bytes(body), out var fault);
        issue = fault is { } x ? new BundleIssue(x.Pointer, $"{x.Title}{(x.Detail is null ? "" : " " + x.Detail)}") : null;
        return bundle;
    }
}
