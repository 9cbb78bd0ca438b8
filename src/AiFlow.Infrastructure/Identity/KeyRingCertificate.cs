using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiFlow.Infrastructure.Identity;

/// <summary>Loads the key ring's certificate from configuration, or makes (once) and reuses the demo's own.</summary>
public static class KeyRingCertificate
{
    public const string DemoFileName = "keyring-certificate.pfx";

    /// <summary>The configured certificate; throws with the setting's name when it cannot be read or has no private key.</summary>
    public static X509Certificate2 Load(KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        X509Certificate2 certificate;
        try
        {
            certificate = !string.IsNullOrWhiteSpace(options.CertificatePem)
                ? X509Certificate2.CreateFromPem(options.CertificatePem, options.PrivateKeyPem ?? options.CertificatePem)
                : LoadFile(options.CertificatePath!, options.CertificatePassword, options.PrivateKeyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException($"Cannot read the key-ring certificate from {KeyRingOptions.Section} ({ex.Message}).", ex);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The key-ring certificate from {KeyRingOptions.Section} has no private key: it could encrypt the ring but never read it back.");
    }

    public static X509Certificate2 LoadFile(string path, string? password = null, string? privateKeyPath = null)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pfx" or ".p12") return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
        return privateKeyPath is null ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromPemFile(path, privateKeyPath);
    }

    /// <summary>
    /// The demo's certificate in <paramref name="directory"/>, made on first use (RSA 3072, self-signed, readable by this
    /// user only). Nodes starting together agree on one file: the first to move its file into place wins.
    /// </summary>
    public static (X509Certificate2 Certificate, string Path, bool Created) LoadOrCreate(string directory)
    {
        var path = System.IO.Path.Combine(directory, DemoFileName);
        if (File.Exists(path)) return (LoadFile(path), path, false);
        Directory.CreateDirectory(directory);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=AiFlow demo key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(50));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options)) file.Write(made.Export(X509ContentType.Pkcs12));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return (LoadFile(path), path, true);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return (LoadFile(path), path, false);
        }
    }
}
