namespace AiFlow.Infrastructure.Seeding;

/// <summary>
/// The demo's LLM judge: does classify's category match the reviewed one? A category judge (correct / wrong) scored by the
/// metric <see cref="MetricKey"/> in classify's profile, on the route for task type "judge".
/// On the simulator, which answers with the label its prompt names and the number labelled "score", the prompt spells
/// the verdict out from the ground truth, so the demo judge is deterministic: it checks the category only, not the
/// priority (reviewers check both; on the seeded tickets every wrong classification has a wrong category, so the two
/// agree there, and they part where a run gets the category right and the priority wrong). With no reviewed
/// classification for the ticket it shows the ticket alone, and the simulator's verdict is then a stable pick per prompt,
/// not a judgement. On a real model the same prompt asks the same question.
/// </summary>
internal static class DemoJudge
{
    public const string Key = "classify_check";
    public const string MetricKey = "classify_judge";
    public const string ProfileKey = "classify_profile_v1";
    public static readonly string[] Categories = ["correct", "wrong"];
    private static readonly string[] TicketCategories = ["billing", "shipping", "technical", "account", "other"];

    public const string Rubric = "Judge whether the ticket's category is the one a reviewer gave it. The priority is not judged.";

    public const string OutputSchema = """
        {"type":"object","required":["score","reasoning","category"],"additionalProperties":false,
         "properties":{"score":{"type":"number","minimum":0,"maximum":1},"reasoning":{"type":"string"},"category":{"type":"string","enum":["correct","wrong"]}}}
        """;

    /// <summary>One verdict branch per ticket category, since the template language compares a path with a literal only.</summary>
    public static readonly string Template =
        "{% if expected %}Reviewed category: {{ expected.category }}.\nModel's category: {{ output.category }}.\n"
        + string.Concat(TicketCategories.Select(c =>
            $"{{% if output.category == \"{c}\" %}}{{% if expected.category == \"{c}\" %}}Verdict: correct. score: 1{{% else %}}Verdict: wrong. score: 0{{% endif %}}{{% endif %}}"))
        + "{% else %}Ticket: {{ input.subject }}\nModel's category: {{ output.category }}.{% endif %}";
}
