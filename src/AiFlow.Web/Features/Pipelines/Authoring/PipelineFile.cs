using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>Writes and reads <see cref="PipelineExport"/> files; reading reports what is wrong with the shape, never throws.</summary>
public static class PipelineFile
{
    public const int MaxBytes = 1_000_000;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file people read and diff: keep quotes in conditions as they were typed (it is never embedded in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(PipelineExport export) => JsonSerializer.Serialize(export, Options);

    public static PipelineExport? Read(string json, out IReadOnlyList<string> errors)
    {
        if (string.IsNullOrWhiteSpace(json)) { errors = ["The file is empty."]; return null; }
        if (json.Length > MaxBytes) { errors = [$"The file is larger than {MaxBytes / 1000} kB."]; return null; }
        PipelineExport? export;
        try
        {
            export = JsonSerializer.Deserialize<PipelineExport>(json, Options);
        }
        catch (JsonException ex)
        {
            errors = [$"The file is not a pipeline export: {ex.Message}"];
            return null;
        }
        var problems = new List<string>();
        if (export is null) problems.Add("The file holds no pipeline.");
        else
        {
            if (export.Format != PipelineExport.CurrentFormat) problems.Add($"Unknown format {export.Format}; this console reads format {PipelineExport.CurrentFormat}.");
            if (export.Dag?.Nodes is null) problems.Add("The file has no 'dag.nodes' list.");
            else if (export.Dag.Nodes.Any(n => n is null)) problems.Add("'dag.nodes' holds an empty entry.");
            else if (export.Dag.Nodes.Any(n => n.DependsOn is null)) problems.Add("A node's 'dependsOn' must be a list.");
        }
        errors = problems;
        return problems.Count == 0 ? export : null;
    }
}
