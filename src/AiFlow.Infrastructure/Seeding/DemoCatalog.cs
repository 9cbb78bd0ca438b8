namespace AiFlow.Infrastructure.Seeding;

/// <summary>The demo's step catalogue: one entry per step with its IR schema and prompt.</summary>
internal static class DemoCatalog
{
    internal sealed record Step(string Key, string Name, string Kind, string SchemaJson, string System, string Template, string Profile,
        string ParamsJson = "{}");

    public static readonly Step[] Steps =
    [
        new("layout_split", "Layout split", "StructuredLlm", """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["sections"],"additionalProperties":false,
         "properties":{"sections":{"type":"array","minItems":1,"items":{"type":"object","required":["id","kind","top","height"],
           "properties":{"id":{"type":"string","minLength":1},"kind":{"enum":["header","hero","content","gallery","footer"]},
           "top":{"type":"integer","minimum":0},"height":{"type":"integer","minimum":1}}}}}}
        """, "You split page layouts into sections.", "Split this layout into sections:\n{{ input.layout }}", "split_profile_v1",
            // Seed 001's example: each section the split produces is linked as a split asset.
            """{"outputLinks":[{"targetType":"split_assets","idPath":"sections[*].id"}]}"""),
        new("module_generate", "Module generate", "StructuredLlm", """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["module","html"],"additionalProperties":false,
         "properties":{"module":{"type":"string","minLength":1},"html":{"type":"string","minLength":1},
           "fields":{"type":"array","items":{"type":"object","required":["name","type"],"properties":{"name":{"type":"string"},"type":{"enum":["text","richtext","image","link"]}}}}}}
        """, "You write HubSpot modules as HTML.", "Generate a module for these sections:\n{{ ir.layout_split | json }}", "module_profile_v1"),
        new("validate_artifact", "Validate artifact", "StructuredLlm", """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["valid","issues"],"additionalProperties":false,
         "properties":{"valid":{"type":"boolean"},"issues":{"type":"array","items":{"type":"string"}},"score":{"type":"number","minimum":0,"maximum":1}}}
        """, "You review generated HTML for validity.", "Check this module:\n{{ ir.module_generate.html }}", "module_profile_v1"),
        new("extract_fields", "Extract ticket fields", "StructuredLlm", """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["customer","product","summary"],"additionalProperties":false,
         "properties":{"customer":{"type":"string","minLength":1},"product":{"type":"string"},"orderNumber":{"type":["string","null"]},
           "summary":{"type":"string","minLength":1,"maxLength":400}}}
        """, "You extract structured fields from support tickets.", "Subject: {{ input.subject }}\n\n{{ input.body }}", "module_profile_v1"),
        new("classify", "Classify ticket", "StructuredLlm", """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["category","priority"],"additionalProperties":false,
         "properties":{"category":{"enum":["billing","shipping","technical","account","other"]},"priority":{"enum":["low","normal","high","urgent"]},
           "confidence":{"type":"number","minimum":0,"maximum":1}}}
        """, "You classify support tickets.", "Classify this ticket.\nSubject: {{ input.subject }}\n{{ input.body }}\nFields: {{ ir.extract_fields | json }}", DemoJudge.ProfileKey),
        new("draft_reply", "Draft reply", "StructuredLlm", """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["reply","tone"],"additionalProperties":false,
         "properties":{"reply":{"type":"string","minLength":20},"tone":{"enum":["formal","friendly","apologetic"]},"escalate":{"type":"boolean"}}}
        """, "You draft courteous replies to support tickets.", "Draft a reply to {{ ir.extract_fields.customer }} about: {{ ir.extract_fields.summary }} (category {{ ir.classify.category }}, priority {{ ir.classify.priority }}).", "module_profile_v1"),
    ];

    /// <summary>Each demo metric with the library function that computes it; every one is computed by the engine.</summary>
    public static readonly (string Key, string Name, string? Unit, bool HigherIsBetter, string Function, string Parameters)[] Metrics =
    [
        ("latency_ms", "Latency", "ms", false, "latency_ms", "{}"),
        ("tokens_in", "Input tokens", "tokens", false, "tokens_in", "{}"),
        ("tokens_out", "Output tokens", "tokens", false, "tokens_out", "{}"),
        ("cost_usd", "Cost", "USD", false, "cost_usd", "{}"),
        ("schema_valid", "Schema valid", null, true, "schema_valid", "{}"),
        ("exact_match", "Exact match", null, true, "exact_match", "{}"),
        ("field_f1", "Field F1", null, true, "field_f1", "{}"),
        ("split_coverage", "Split coverage", null, true, "span_coverage", """{"items":"/sections","start":"top","length":"height"}"""),
        ("overlap_ratio", "Overlap ratio", null, false, "span_overlap", """{"items":"/sections","start":"top","length":"height"}"""),
        ("html_validity", "HTML validity", null, true, "html_wellformed", """{"pointer":"/html"}"""),
        (DemoJudge.MetricKey, "Category check (LLM judge)", null, true, "judge", $$"""{"judge":"{{DemoJudge.Key}}"}"""),
    ];

    public const string LayoutInputSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["layout"],
     "properties":{"layout":{"type":"string","minLength":1,"description":"The page layout to split, in words or HTML."}}}
    """;

    public const string TicketInputSchema = """
    {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["subject","body"],
     "properties":{"subject":{"type":"string","minLength":1,"maxLength":300},"body":{"type":"string","minLength":1}}}
    """;
}
