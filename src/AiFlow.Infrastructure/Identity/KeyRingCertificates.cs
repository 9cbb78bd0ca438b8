using System.Security.Cryptography.X509Certificates;

namespace AiFlow.Infrastructure.Identity;

/// <summary>The certificate that encrypts new data-protection keys, and earlier ones that may still decrypt old keys.</summary>
public sealed record KeyRingCertificates(X509Certificate2 Current, IReadOnlyList<X509Certificate2> Previous);
