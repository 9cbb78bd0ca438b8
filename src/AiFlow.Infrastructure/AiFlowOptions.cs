namespace AiFlow.Infrastructure;

/// <summary>Bound from the <c>AiFlow</c> configuration section.</summary>
public sealed class AiFlowOptions
{
    public const string Section = "AiFlow";

    /// <summary>Seeds demo data, demo users and the simulator endpoint.</summary>
    public bool DemoMode { get; set; }

    public string DemoPassword { get; set; } = "Demo!pass1";
}
