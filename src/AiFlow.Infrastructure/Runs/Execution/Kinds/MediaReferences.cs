using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// The one rule for naming media (ADR 0034): a media step's <c>media</c> parameter is a path into the run input or an
/// upstream IR (<c>input.imageIds</c>, <c>ir.frames.frameIds</c>), and the value there is one media id (a uuid string)
/// or an array of them. Paths are dotted property names; no templates, so what a step reads is plain to see.
/// </summary>
public static class MediaReferences
{
    public const string Parameter = "media";

    /// <summary>The ids at the step's media path, or the reason a user can act on when there are none or one is not a uuid.</summary>
    public static (IReadOnlyList<MediaReference> References, string? Error) Resolve(JsonObject parameters, StepContext context)
    {
        if (parameters[Parameter] is not JsonValue pathValue || !pathValue.TryGetValue<string>(out var path) || string.IsNullOrWhiteSpace(path))
        {
            return ([], "A media step needs a 'media' parameter naming where its media ids are, e.g. \"input.imageIds\" or \"ir.frames.imageIds\".");
        }
        path = path.Trim();
        var segments = path.Split('.');
        JsonNode? node;
        int start;
        if (segments[0] == "input")
        {
            node = context.Input;
            start = 1;
        }
        else if (segments[0] == "ir" && segments.Length >= 2)
        {
            if (!context.Ir.TryGetValue(segments[1], out node)) return ([], $"'{path}' names step '{segments[1]}', which is not upstream of this step.");
            start = 2;
        }
        else
        {
            return ([], $"The 'media' parameter '{path}' must start with 'input.' or 'ir.<node>.'.");
        }
        foreach (var segment in segments[start..])
        {
            node = node is JsonObject o ? o[segment] : null;
            if (node is null) return ([], $"{path}: there is no value here; the step expects a media id or an array of media ids.");
        }

        var values = node is JsonArray array ? array.Select((item, i) => ($"{path}[{i}]", item)).ToList() : [(path, node)];
        if (values.Count == 0) return ([], $"{path}: the array of media ids is empty.");
        var references = new List<MediaReference>(values.Count);
        foreach (var (at, item) in values)
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var text) || !Guid.TryParse(text, out var id))
            {
                return ([], $"{at}: {item?.ToJsonString() ?? "null"} is not a media id (a uuid).");
            }
            references.Add(new MediaReference(at, id));
        }
        return (references, null);
    }
}
