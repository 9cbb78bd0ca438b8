namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Checks that can run before parsing an untrusted instance.</summary>
public static class SchemaLimits
{
    /// <summary>An error when <paramref name="byteCount"/> exceeds <see cref="SchemaValidationOptions.MaxInstanceBytes"/>, else null.</summary>
    public static SchemaValidationError? CheckInstanceSize(long byteCount, SchemaValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return byteCount <= options.MaxInstanceBytes
            ? null
            : new SchemaValidationError(string.Empty, string.Empty, string.Empty, $"the instance is {byteCount} bytes, more than the limit of {options.MaxInstanceBytes} bytes");
    }

    /// <exception cref="SchemaLimitExceededException">The instance is larger than allowed.</exception>
    public static void EnsureInstanceSize(long byteCount, SchemaValidationOptions options)
    {
        if (CheckInstanceSize(byteCount, options) is { } error)
        {
            throw new SchemaLimitExceededException(error.Message);
        }
    }
}
