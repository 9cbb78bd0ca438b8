using System.Globalization;
using System.Text;

namespace AiFlow.Bench;

/// <summary>One figure of the report: what was measured, its value, its goal, and a peer measured in the same run with the ratio to it.</summary>
internal sealed record BenchFigure(string Bench, string Measure, string Value, string Goal, string Peer, string Ratio);

/// <summary>
/// The figures benches hand in as they print them, so <c>bench all</c> can end with one Markdown table (issue 17): each
/// figure beside its goal, its peer and the ratio, and the machine before and after. Benches print their detailed lines
/// as before; the report repeats only what a reader compares across machines.
/// </summary>
internal static class BenchReport
{
    private static readonly List<BenchFigure> Figures = [];

    public static void Add(string bench, string measure, string value, string goal = "", string peer = "", string ratio = "") =>
        Figures.Add(new BenchFigure(bench, measure, value, goal, peer, ratio));

    public static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(string machineBefore, string machineAfter, IEnumerable<string> failures)
    {
        var text = new StringBuilder();
        text.AppendLine("## AiFlow benchmark report");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine before: {machineBefore}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine after: {machineAfter}");
        foreach (var failure in failures) text.AppendLine(CultureInfo.InvariantCulture, $"- **failed:** {failure}");
        text.AppendLine();
        text.AppendLine("| bench | measure | AiFlow | goal | peer (same run) | ratio |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var f in Figures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Bench} | {f.Measure} | {f.Value} | {f.Goal} | {f.Peer} | {f.Ratio} |");
        }
        return text.ToString();
    }
}
