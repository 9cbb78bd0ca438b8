using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFlow.Tests.Support;

/// <summary>How a client reads the API's answers into typed records: web defaults, enums by name (the API names them).</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
