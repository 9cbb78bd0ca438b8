namespace AiFlow.Infrastructure.Identity;

/// <summary>
/// Bound from <c>AiFlow:KeyRing</c>: the certificate that encrypts the data-protection key ring at rest. Give a PKCS#12
/// file (<see cref="CertificatePath"/> and <see cref="CertificatePassword"/>), PEM files (<see cref="CertificatePath"/>
/// and <see cref="PrivateKeyPath"/>), or PEM text (<see cref="CertificatePem"/> and <see cref="PrivateKeyPem"/>, e.g.
/// from a secret store's environment variables).
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "AiFlow:KeyRing";

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public string? PrivateKeyPath { get; set; }

    public string? CertificatePem { get; set; }

    public string? PrivateKeyPem { get; set; }

    /// <summary>Older certificates whose keys may still be read after a rotation (PKCS#12 files without a password, or PEM with the key inside).</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificatePem);
}
