namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>One generated instance as JSON text, and how it came about.</summary>
internal sealed record GeneratedInstance(string Json, InstanceOrigin Origin)
{
    public override string ToString() => $"{Json} ({Origin})";
}
