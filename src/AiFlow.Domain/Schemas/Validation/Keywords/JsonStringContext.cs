using System.Text.Json.Serialization;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Source-generated serializer metadata for turning a property name into a JSON string element.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class JsonStringContext : JsonSerializerContext;
