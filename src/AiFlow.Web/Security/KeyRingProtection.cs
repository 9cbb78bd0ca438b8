using AiFlow.Infrastructure.Identity;

namespace AiFlow.Web.Security;

/// <summary>
/// Decides, at start-up, what encrypts the data-protection key ring at rest: the certificate in <c>AiFlow:KeyRing</c>;
/// in demo mode without one, a certificate the console makes once under <c>AiFlow:StateDirectory</c>; in Development
/// without one, nothing (with a warning). Any other environment refuses to start without one.
/// </summary>
public static class KeyRingProtection
{
    /// <summary>What to use, or why the console must not start; <paramref name="notice"/> says what was chosen, for the log.</summary>
    public static KeyRingCertificates? Resolve(IConfiguration configuration, IHostEnvironment environment, out string? problem, out string? notice)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        problem = null;
        notice = null;
        try
        {
            var previous = options.PreviousCertificatePaths.Select(p => KeyRingCertificate.LoadFile(p)).ToList();
            if (options.IsConfigured) return new KeyRingCertificates(KeyRingCertificate.Load(options), previous);
            if (configuration.GetValue<bool>("AiFlow:DemoMode"))
            {
                var (certificate, path, created) = KeyRingCertificate.LoadOrCreate(StateDirectory(configuration));
                notice = created
                    ? $"Demo mode: generated a certificate to encrypt the data-protection key ring at {path}. Keep it: without it the stored sessions and endpoint keys cannot be read. Production sets {KeyRingOptions.Section}:CertificatePath instead."
                    : $"Demo mode: the data-protection key ring is encrypted with the generated certificate at {path}.";
                return new KeyRingCertificates(certificate, previous);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
            return null;
        }

        if (environment.IsDevelopment())
        {
            notice = $"The data-protection key ring is stored unencrypted (Development, no {KeyRingOptions.Section}:CertificatePath).";
            return null;
        }

        problem = $"No certificate to encrypt the data-protection key ring at rest. Set {KeyRingOptions.Section}:CertificatePath "
            + $"(a .pfx with {KeyRingOptions.Section}:CertificatePassword, or a PEM certificate with {KeyRingOptions.Section}:PrivateKeyPath), "
            + $"or {KeyRingOptions.Section}:CertificatePem and :PrivateKeyPem, e.g. AiFlow__KeyRing__CertificatePath=/run/secrets/keyring.pfx. "
            + "Demo mode (AiFlow__DemoMode=true) makes one for itself.";
        return null;
    }

    /// <summary>Where the console keeps what it makes for itself: <c>AiFlow:StateDirectory</c>, else the user's local application data.</summary>
    public static string StateDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["AiFlow:StateDirectory"];
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "AiFlow");
    }
}
