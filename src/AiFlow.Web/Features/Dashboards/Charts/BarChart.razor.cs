using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Dashboards.Charts;

/// <summary>A small SVG bar chart whose bars are links, so a click on a point drills down to the runs behind it.</summary>
public partial class BarChart
{
    private const int ViewHeight = 120;
    private const int Base = 118;

    [Parameter, EditorRequired] public string Title { get; set; } = "";

    [Parameter, EditorRequired] public IReadOnlyList<ChartPoint> Points { get; set; } = [];

    [Parameter] public string Color { get; set; } = "#1565c0";

    [Parameter] public string TestId { get; set; } = "chart";

    /// <summary>How the maximum is written under the chart.</summary>
    [Parameter] public Func<double, string> Format { get; set; } = v => v.ToString("0.##", CultureInfo.InvariantCulture);

    private double Max => Points.Count == 0 ? 0 : Points.Max(p => p.Value);
    private int ViewWidth => Math.Max(100, Points.Count * 10);
    private double BarWidth => 10 * 0.8;
    private static double X(int i) => i * 10 + 1;
    private double Height(double value) => Max <= 0 ? 0 : Math.Max(value > 0 ? 1 : 0, value / Max * (Base - 4));
}
