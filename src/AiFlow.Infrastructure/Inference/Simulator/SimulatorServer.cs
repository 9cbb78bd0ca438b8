using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// A standalone simulator on Kestrel at 127.0.0.1 for tests and benchmarks: real HTTP, real latency.
/// <see cref="Options"/> is read per request, so a test may change rates while the server runs.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorServer(WebApplication app, SimulatorOptions options, SimulatorStats stats, Uri root)
    {
        this.app = app;
        Options = options;
        Stats = stats;
        RootUrl = root.ToString().TrimEnd('/');
        BaseUrl = RootUrl + "/v1";
    }

    /// <summary>The OpenAI base URL, e.g. <c>http://127.0.0.1:5123/v1</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string RootUrl { get; }

    public SimulatorOptions Options { get; }

    public SimulatorStats Stats { get; }

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        // Hanging "timeout" requests end at shutdown (ApplicationStopping), so stopping can be quick.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        var stats = new SimulatorStats();
        SimulatorEndpoints.Map(app, "/v1", new SimulatorRuntime(() => options, stats));
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorServer(app, options, stats, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
