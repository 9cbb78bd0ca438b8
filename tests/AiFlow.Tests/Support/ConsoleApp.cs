using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Support;

/// <summary>The real console on Kestrel (a real port, so Chromium can reach it), in demo mode, on its own database.</summary>
public sealed class ConsoleApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo!pass1";
    public const string DemoApiKey = "afk_test_demo_key_0123456789";
    public const string ScrapeToken = "scrape_test_token_0123456789";
    private static readonly Lock Starting = new();
    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <param name="settings">Extra configuration for this console, e.g. an OTLP endpoint.</param>
    public ConsoleApp(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string>();
        UseKestrel(0);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Rate limits no test reaches by accident.</summary>
    private static readonly Dictionary<string, string> NoRateLimits = new()
    {
        ["AiFlow:RateLimits:SignInPerMinute"] = "1000000",
        ["AiFlow:RateLimits:ApiBurst"] = "1000000",
        ["AiFlow:RateLimits:ApiPerSecond"] = "1000000",
        ["AiFlow:RateLimits:CostlyBurst"] = "1000000",
        ["AiFlow:RateLimits:CostlyPerMinute"] = "60000000",
    };

    /// <summary>A free port for a test's SimulatorServer; the console allow-lists 127.0.0.1 on it (SSRF guard).</summary>
    public static int SimulatorPort { get; } = FreePort();

    /// <summary>A loopback port the console may call (allow-listed like the simulator's): for a test's own webhook receiver.</summary>
    public static int HookPort { get; } = FreePort();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves static web assets (MudBlazor, blazor.web.js) straight from the build, as "dotnet run" does.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:AiFlow", connectionString);
        builder.UseSetting("AiFlow:DemoMode", "true");
        builder.UseSetting("AiFlow:DemoPassword", DemoPassword);
        builder.UseSetting("AiFlow:Metrics:ScrapeToken", ScrapeToken);
        builder.UseSetting("AiFlow:LogDirectory", Path.Combine(Path.GetTempPath(), "aiflow-test-logs"));
        // Tests fire far more requests and sign-ins from one address than a person does; RateLimitTests use low limits.
        foreach (var (key, value) in NoRateLimits) builder.UseSetting(key, value);
        // The key ring is encrypted as in production, with the certificate every test node shares.
        builder.UseSetting("AiFlow:KeyRing:CertificatePath", WorkerProcess.KeyRingCertificatePath);
        // Test output shows warnings and errors only; a test that wants more passes its own Serilog settings.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Index 1: appsettings.json holds the demo simulator (127.0.0.1:5080) at index 0.
        builder.UseSetting("AiFlow:Inference:AllowedHosts:1", "127.0.0.1:" + SimulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("AiFlow:Inference:AllowedHosts:2", "127.0.0.1:" + HookPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Start()
    {
        Environment.SetEnvironmentVariable("AIFLOW_DEMO_API_KEY", DemoApiKey);
        // Program swaps and freezes Serilog's static bootstrap logger: two consoles building at once in one process collide.
        lock (Starting) StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
