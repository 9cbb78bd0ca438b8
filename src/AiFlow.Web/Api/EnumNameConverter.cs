using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiFlow.Web.Api;

/// <summary>
/// Binds an enum from exactly one of its member names (any case). <see cref="JsonStringEnumConverter"/> also takes a
/// comma-separated list ("Week, Month") and combines the members as flags, which for an enum that is not a set of
/// flags is a value no member has: a budget saved with such a period broke every model call that read it. Numbers,
/// digits in a string, lists and unknown names are refused; <see cref="JsonBinding"/> answers which names it takes.
/// </summary>
public sealed class EnumNameConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The member named by <paramref name="text"/>, or null: one name, any case, no digits, no list.</summary>
    public static TEnum? Parse<TEnum>(string? text) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text) || text.Contains(',', StringComparison.Ordinal)) return null;
        // Enum.TryParse also reads a number, signed or not, as a member: only a name is one here.
        var first = text.TrimStart()[0];
        if (char.IsAsciiDigit(first) || first is '-' or '+') return null;
        return Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
    }

    private sealed class Converter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Parse<TEnum>(reader.GetString()) is { } value
                ? value
                : throw new JsonException($"Not a name of {typeof(TEnum).Name}.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
