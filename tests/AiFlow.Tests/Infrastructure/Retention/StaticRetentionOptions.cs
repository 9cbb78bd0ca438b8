using AiFlow.Infrastructure.Retention;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.Infrastructure.Retention;

/// <summary>The policy a test sets, read as the job reads it (through <see cref="IOptionsMonitor{T}.CurrentValue"/>).</summary>
internal sealed class StaticRetentionOptions(RetentionOptions value) : IOptionsMonitor<RetentionOptions>
{
    public RetentionOptions CurrentValue => value;

    public RetentionOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<RetentionOptions, string?> listener) => null;
}
