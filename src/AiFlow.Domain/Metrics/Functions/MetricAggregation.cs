namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// How a metric's values over many outputs become one number. <see cref="Rate"/> is the share of values ≥ 0.5: for the
/// 0/1 metrics (exact_match, regex_match, …) the pass rate; for a continuous metric, the share at least half good.
/// The percentiles interpolate like PostgreSQL's <c>percentile_cont</c>.
/// </summary>
public enum MetricAggregation { Mean, Rate, P50, P95 }
