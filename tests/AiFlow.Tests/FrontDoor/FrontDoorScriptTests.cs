using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AiFlow.Tests.FrontDoor;

/// <summary>
/// <c>aiflow.sh</c> itself, run from a checkout in a private temporary folder: as root on a fresh Debian box the
/// <c>postgres</c> user cannot enter <c>/root</c> or a <c>mktemp -d</c> folder, which once made <c>up</c> fail in initdb.
/// The script is copied alone: its <c>psql</c> command provisions the cluster and answers a query, no build needed.
/// </summary>
public sealed class FrontDoorScriptTests
{
    [Fact]
    public async Task A_checkout_the_postgres_user_cannot_enter_still_gets_a_working_cluster()
    {
        using var checkout = new PrivateCheckout();
        var port = FreePort();

        var (exit, output) = await checkout.RunAsync(port, "psql", "-tAc", "select 40 + 2");
        try
        {
            Assert.True(exit == 0, output);
            Assert.Contains("42", output, StringComparison.Ordinal);
            if (Environment.UserName == "root")
            {
                // The postgres user could not have used the checkout: the cluster went where it can.
                Assert.True(Directory.Exists(Path.Combine(checkout.AwayCluster, "pgdata")), output);
                Assert.False(Directory.Exists(Path.Combine(checkout.Root, ".aiflow", "pgdata")), output);
            }
        }
        finally
        {
            await checkout.RunAsync(port, "down");
        }
    }

    [Fact]
    public async Task A_port_held_by_another_process_is_named_with_the_way_out()
    {
        using var checkout = new PrivateCheckout();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exit, output) = await checkout.RunAsync(port, "psql", "-tAc", "select 1");

        Assert.NotEqual(0, exit);
        Assert.Contains($"port {port} is taken by another process", output, StringComparison.Ordinal);
        Assert.Contains("AIFLOW_PG_PORT=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_already_running_on_another_port_is_named_instead_of_a_failed_connection()
    {
        using var checkout = new PrivateCheckout();
        var first = FreePort();
        try
        {
            var (started, startOutput) = await checkout.RunAsync(first, "psql", "-tAc", "select 1");
            Assert.True(started == 0, startOutput);

            var other = FreePort();
            var (exit, output) = await checkout.RunAsync(other, "psql", "-tAc", "select 1");

            Assert.NotEqual(0, exit);
            Assert.Contains($"already running on port {first}", output, StringComparison.Ordinal);
            Assert.Contains($"AIFLOW_PG_PORT={first}", output, StringComparison.Ordinal);
        }
        finally
        {
            await checkout.RunAsync(first, "down");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A folder of mode 700 holding a copy of aiflow.sh, removed with whatever cluster it made.</summary>
    private sealed class PrivateCheckout : IDisposable
    {
        public PrivateCheckout()
        {
            // Made with mode 700 on Unix, as `mktemp -d` makes it.
            Root = Directory.CreateTempSubdirectory("aiflow-frontdoor-").FullName;
            File.Copy(Path.Combine(RepositoryRoot(), "aiflow.sh"), Path.Combine(Root, "aiflow.sh"));
#pragma warning disable CA5350 // The script names the folder by sha1sum of the checkout's path: a name, not a secret.
            var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(Root)))[..12];
#pragma warning restore CA5350
            AwayCluster = Path.Combine("/var/lib/aiflow", hash);
        }

        public string Root { get; }

        public string AwayCluster { get; }

        public async Task<(int Exit, string Output)> RunAsync(int port, params string[] args)
        {
            var info = new ProcessStartInfo("bash", [Path.Combine(Root, "aiflow.sh"), .. args])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            info.Environment["AIFLOW_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            info.Environment.Remove("AIFLOW_DB");
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }

        public void Dispose()
        {
            Directory.Delete(Root, recursive: true);
            if (Directory.Exists(AwayCluster)) Directory.Delete(AwayCluster, recursive: true);
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "aiflow.sh"))) return dir.FullName;
            }
            throw new InvalidOperationException("aiflow.sh not found above " + AppContext.BaseDirectory);
        }
    }
}
