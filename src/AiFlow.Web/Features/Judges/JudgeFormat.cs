using System.Globalization;
using AiFlow.Infrastructure.Judges;

namespace AiFlow.Web.Features.Judges;

/// <summary>How the judge pages write numbers: invariant, so a score range reads the same for everyone.</summary>
internal static class JudgeFormat
{
    public static string Range(JudgeVersionView v) => $"{Number(v.ScoreMin)} – {Number(v.ScoreMax)}";

    public static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "—";
}
