using System.Text.Json.Nodes;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// Request examples a client can send as they are (on the demo data): the routes a client system calls most. Each is
/// checked against its route's request schema by <c>OpenApiDocumentTests</c>, and the run launch is sent for real.
/// </summary>
public static class ApiExamples
{
    public static readonly IReadOnlyDictionary<string, string> Requests = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["POST /api/pipelines/{key}/runs"] = """{"input":{"subject":"Refund not received","body":"I returned the parcel two weeks ago and still have no refund."}}""",
        ["POST /api/runs/{id:guid}/replay"] = """{"version":2}""",
        ["POST /api/runs/{id:guid}/feedback"] = """{"decision":"Approve","rating":5,"comment":"Correct category and priority.","labels":["billing"]}""",
        ["POST /api/evaluations/"] = """{"target":{"pipeline":"ticket-triage","version":2},"baseline":{"version":1},"tag":"billing"}""",
        ["POST /api/collections/{key}/search"] = """{"query":"How do I create an index concurrently?","topK":5,"rerank":false}""",
        ["POST /api/api-keys/"] = """{"name":"crm-integration","role":"Ops"}""",
        ["POST /api/users/"] = """{"email":"dana@example.com","displayName":"Dana Reviewer","role":"Reviewer"}""",
        ["PUT /api/ground-truth/{id:guid}/tags"] = """{"tags":["billing","refund"]}""",
    };

    /// <summary>The example of a route's request body, parsed; null when the route has none.</summary>
    public static JsonNode? For(string route) => Requests.TryGetValue(route, out var json) ? JsonNode.Parse(json) : null;
}
