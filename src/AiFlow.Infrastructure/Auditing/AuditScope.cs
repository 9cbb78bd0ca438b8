namespace AiFlow.Infrastructure.Auditing;

/// <summary>
/// Who is acting, carried by the async flow: set per HTTP request and per Blazor circuit activity,
/// so the auditing interceptor knows the user even inside a factory-made DbContext.
/// </summary>
public static class AuditScope
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string UserName => Current.Value ?? "system";

    public static IDisposable Begin(string? userName)
    {
        var previous = Current.Value;
        Current.Value = userName;
        return new Restore(previous);
    }

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
