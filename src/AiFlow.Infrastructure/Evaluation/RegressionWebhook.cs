using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// Posts a JSON notice of a scheduled evaluation's regression to the pipeline's webhook. Best effort: a failing hook is
/// logged, never fails the evaluation (the banner and the counter already say it), and waits at most 10 s.
/// </summary>
public sealed partial class RegressionWebhook(IHttpClientFactory clients, ILogger<RegressionWebhook> logger)
{
    public const string ClientName = "aiflow-regression-webhook";

    public async Task PostAsync(string url, object notice, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await clients.CreateClient(ClientName).PostAsJsonAsync(new Uri(url), notice, timeout.Token);
            if (!response.IsSuccessStatusCode) LogFailed(logger, url, $"HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            LogFailed(logger, url, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Regression webhook {Url} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string url, string reason);
}
