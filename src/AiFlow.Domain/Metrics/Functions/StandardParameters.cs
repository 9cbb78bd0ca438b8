namespace AiFlow.Domain.Metrics.Functions;

/// <summary>Parameters several functions share, described the same way everywhere.</summary>
internal static class StandardParameters
{
    public static MetricParameter Pointer(string what = "the value to measure", bool required = false) =>
        new("pointer", MetricParameterType.Pointer, required,
            required ? $"JSON pointer to {what}, e.g. \"/category\"." : $"JSON pointer to {what}; default \"\", the whole IR.");

    public static MetricParameter IgnoreCase { get; } =
        new("ignoreCase", MetricParameterType.Bool, false, "Compare ignoring upper and lower case; default false.");
}
