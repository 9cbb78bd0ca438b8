using AiFlow.Domain.Metrics;
using AiFlow.Web.Features.Evaluations;
using MudBlazor;

namespace AiFlow.Tests.Web.Evaluations;

public class EvaluationFormatTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_time_left_is_the_remaining_cases_at_the_rate_so_far()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), EvaluationFormat.TimeLeft(Start, Start.AddSeconds(10), 5, 20));
        Assert.Equal(TimeSpan.FromSeconds(1), EvaluationFormat.TimeLeft(Start, Start.AddSeconds(1), 3, 4));
    }

    [Fact]
    public void There_is_no_time_left_estimate_before_the_first_case_or_after_the_last()
    {
        Assert.Null(EvaluationFormat.TimeLeft(null, Start, 0, 20));
        Assert.Null(EvaluationFormat.TimeLeft(Start, Start.AddSeconds(10), 0, 20));
        Assert.Null(EvaluationFormat.TimeLeft(Start, Start.AddSeconds(10), 20, 20));
        Assert.Equal("estimating the time left…", EvaluationFormat.TimeLeftText(Start, Start.AddSeconds(3), 0, 20));
        Assert.Equal("about 1:30 left", EvaluationFormat.TimeLeftText(Start, Start.AddSeconds(30), 5, 20));
        Assert.Equal("aggregating…", EvaluationFormat.TimeLeftText(Start, Start.AddSeconds(30), 20, 20));
    }

    [Fact]
    public void Values_intervals_and_deltas_read_with_three_decimals_and_a_sign_on_the_delta()
    {
        Assert.Equal("0.667", EvaluationFormat.Value(2.0 / 3));
        Assert.Equal("—", EvaluationFormat.Value(null));
        Assert.Equal("[0.25, 0.75]", EvaluationFormat.Interval(0.25, 0.75));
        Assert.Equal("", EvaluationFormat.Interval(null, null));
        Assert.Equal("-1", EvaluationFormat.Delta(-1));
        Assert.Equal("+0.123", EvaluationFormat.Delta(0.12345));
        Assert.Equal("0", EvaluationFormat.Delta(0));
        Assert.Equal("—", EvaluationFormat.Delta(null));
    }

    [Fact]
    public void Values_too_small_for_three_decimals_keep_three_significant_digits_instead_of_reading_as_zero()
    {
        // A case's cost: "0.###" wrote the aggregate as "cost_usd 0 [0, 0]" beside cases costing $0.000017.
        Assert.Equal("0.000017", EvaluationFormat.Value(0.000017));
        Assert.Equal("0.000123", EvaluationFormat.Value(0.00012345));
        Assert.Equal("[0.000015, 0.000019]", EvaluationFormat.Interval(0.000015, 0.000019));
        Assert.Equal("-0.0000021", EvaluationFormat.Delta(-0.0000021));
        Assert.Equal("0.001", EvaluationFormat.Value(0.001));
    }

    [Fact]
    public void A_delta_is_green_when_better_in_the_metrics_direction_red_when_worse_and_plain_within_the_tie_tolerance()
    {
        Assert.Equal(Color.Error, EvaluationFormat.DeltaColor(-0.2, MetricDirection.HigherIsBetter));
        Assert.Equal(Color.Success, EvaluationFormat.DeltaColor(0.2, MetricDirection.HigherIsBetter));
        Assert.Equal(Color.Success, EvaluationFormat.DeltaColor(-120, MetricDirection.LowerIsBetter));
        Assert.Equal(Color.Error, EvaluationFormat.DeltaColor(120, MetricDirection.LowerIsBetter));
        Assert.Equal(Color.Default, EvaluationFormat.DeltaColor(1e-12, MetricDirection.HigherIsBetter));
        Assert.Equal(Color.Default, EvaluationFormat.DeltaColor(null, MetricDirection.HigherIsBetter));
    }

    [Fact]
    public void A_short_example_id_is_its_end_since_ids_made_together_share_their_start() =>
        Assert.Equal("…9abcdef0", EvaluationFormat.ShortId(Guid.Parse("01a24b49-2765-733f-b74d-eb0c9abcdef0")));
}
