namespace AiFlow.Domain.Metrics.Functions;

/// <summary>The JSON a parameter takes; a <see cref="Pointer"/> is an RFC 6901 string such as <c>/sections/0/id</c>.</summary>
public enum MetricParameterType { String, Number, Bool, Pointer, Array }
