using System.Security.Cryptography.X509Certificates;
using AiFlow.Infrastructure.Identity;
using AiFlow.Tests.Support;
using AiFlow.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Tests.Web.Security;

/// <summary>What encrypts the data-protection key ring at rest, and a console that refuses to run without it.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class KeyRingProtectionTests(ConsoleFixture console) : IDisposable
{
    private readonly DirectoryInfo state = Directory.CreateTempSubdirectory("aiflow-state-");

    public void Dispose() => state.Delete(recursive: true);

    [Fact]
    public async Task A_production_console_without_a_key_ring_certificate_refuses_to_start_and_names_the_setting()
    {
        await using var node = WorkerProcess.Start("Host=127.0.0.1;Port=1;Database=none", new Dictionary<string, string>
        {
            ["AiFlow__KeyRing__CertificatePath"] = "",
            ["AiFlow__Execution__Role"] = "web",
        });

        var exit = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit);
        Assert.Contains("AiFlow:KeyRing:CertificatePath", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_mode_generates_a_certificate_under_the_state_directory_once_and_says_so()
    {
        var configuration = Settings(("AiFlow:DemoMode", "true"), ("AiFlow:StateDirectory", state.FullName));

        var first = KeyRingProtection.Resolve(configuration, Environment("Production"), out var problem, out var notice);
        var again = KeyRingProtection.Resolve(configuration, Environment("Production"), out _, out var laterNotice);

        Assert.Null(problem);
        Assert.Contains("generated a certificate", notice, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(state.FullName, KeyRingCertificate.DemoFileName)));
        Assert.DoesNotContain("generated a certificate", laterNotice, StringComparison.Ordinal);
        Assert.Equal(first!.Current.Thumbprint, again!.Current.Thumbprint);
        Assert.True(again.Current.HasPrivateKey);
    }

    [Fact]
    public void A_certificate_given_as_pem_text_is_used()
    {
        using var made = KeyRingCertificate.LoadOrCreate(state.FullName).Certificate;
        var configuration = Settings(
            ("AiFlow:KeyRing:CertificatePem", made.ExportCertificatePem()),
            ("AiFlow:KeyRing:PrivateKeyPem", made.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem()));

        var resolved = KeyRingProtection.Resolve(configuration, Environment("Production"), out var problem, out _);

        Assert.Null(problem);
        Assert.Equal(made.Thumbprint, resolved!.Current.Thumbprint);
        Assert.True(resolved.Current.HasPrivateKey);
    }

    [Fact]
    public async Task The_console_stores_its_key_ring_keys_encrypted_in_the_database()
    {
        await using var db = console.Database.CreateContext();

        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static TestEnvironment Environment(string name) => new TestEnvironment { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "AiFlow.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
