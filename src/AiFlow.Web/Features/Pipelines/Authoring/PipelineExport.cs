using AiFlow.Domain.Pipelines.Dag;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>The file format of an exported version: meaning (<see cref="Dag"/>) and drawing (<see cref="Layout"/>).</summary>
public sealed record PipelineExport(int Format, string Pipeline, string Name, int Number, PipelineDag Dag, DagLayout? Layout = null)
{
    public const int CurrentFormat = 1;
}
