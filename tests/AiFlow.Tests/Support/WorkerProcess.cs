using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiFlow.Tests.Support;

/// <summary>
/// An AiFlow node in its own OS process (the same AiFlow.Web.dll the console ships), so a test can kill -9 it
/// mid-run and prove another node — a real separate process — picks the run up.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WorkerProcess(Process process) => this.process = process;

    /// <summary>
    /// The certificate every test node encrypts its key ring with (as a real deployment configures one for all its
    /// nodes), made once in the temp folder and kept across runs, so databases from earlier runs stay readable.
    /// </summary>
    public static string KeyRingCertificatePath => KeyRing.Value;

    private static readonly Lazy<string> KeyRing = new(() =>
    {
        var (certificate, path, _) = AiFlow.Infrastructure.Identity.KeyRingCertificate.LoadOrCreate(Path.Combine(Path.GetTempPath(), "aiflow-test-keyring"));
        certificate.Dispose();
        return path;
    });

    public int Pid => process.Id;
    public bool HasExited => process.HasExited;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static WorkerProcess Start(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var dir = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(dir, "AiFlow.Web.dll"), "--contentRoot", dir])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ConnectionStrings__AiFlow"] = connectionString;
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["AiFlow__Execution__Role"] = "worker";
        info.Environment["AiFlow__LogDirectory"] = Path.Combine(Path.GetTempPath(), "aiflow-worker-logs");
        info.Environment["AiFlow__KeyRing__CertificatePath"] = KeyRingCertificatePath;
        // Benchmarks and tests send more than a person would; rate limiting has its own tests.
        foreach (var limit in new[] { "SignInPerMinute", "ApiBurst", "ApiPerSecond", "CostlyBurst" }) info.Environment["AiFlow__RateLimits__" + limit] = "1000000";
        info.Environment["AiFlow__RateLimits__CostlyPerMinute"] = "60000000";
        foreach (var (key, value) in settings) info.Environment[key] = value;
        var process = Process.Start(info)!;
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => { lock (worker.output) worker.output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (worker.output) worker.output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Starts a node on a free loopback port and returns once it answers <c>/health</c>.</summary>
    public static async Task<(WorkerProcess Worker, Uri Url)> StartListeningAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var worker = Start(connectionString, new Dictionary<string, string>(settings) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        var url = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        // A readiness wait, not a speed claim: a demo node migrates and seeds before it answers, which on a busy
        // 2-core machine has taken longer than a minute.
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (worker.HasExited) throw new InvalidOperationException("The node exited:\n" + worker.Output);
            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode) return (worker, url);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer.
            }
            await Task.Delay(100);
        }
        await worker.DisposeAsync();
        throw new TimeoutException($"The node did not answer within {StartTimeout.TotalSeconds} s:\n" + worker.Output);
    }

    /// <summary>The exit code once the node has stopped by itself (e.g. refused to start), within <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release, exactly like a machine dying.</summary>
    public void KillHard()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        process.Dispose();
        await Task.CompletedTask;
    }
}
