namespace AiFlow.Domain.Schemas.Validation;

/// <summary>The formats AiFlow asserts when <see cref="SchemaValidationOptions.AssertFormats"/> is on.</summary>
internal static class FormatCheckers
{
    private static readonly Dictionary<string, Func<string, bool>> s_checkers = new(StringComparer.Ordinal)
    {
        ["date-time"] = DateTimeFormats.IsDateTime,
        ["date"] = DateTimeFormats.IsDate,
        ["time"] = DateTimeFormats.IsTime,
        ["duration"] = DateTimeFormats.IsDuration,
        ["email"] = NetworkFormats.IsEmail,
        ["hostname"] = NetworkFormats.IsHostname,
        ["ipv4"] = NetworkFormats.IsIPv4,
        ["ipv6"] = NetworkFormats.IsIPv6,
        ["uri"] = ReferenceFormats.IsUri,
        ["uri-reference"] = ReferenceFormats.IsUriReference,
        ["uuid"] = ReferenceFormats.IsUuid,
        ["regex"] = ReferenceFormats.IsRegex,
        ["json-pointer"] = ReferenceFormats.IsJsonPointer,
        ["relative-json-pointer"] = ReferenceFormats.IsRelativeJsonPointer,
    };

    public static Func<string, bool>? Find(string format) => s_checkers.GetValueOrDefault(format);
}
