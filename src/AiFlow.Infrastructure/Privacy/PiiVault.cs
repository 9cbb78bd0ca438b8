using Microsoft.AspNetCore.DataProtection;

namespace AiFlow.Infrastructure.Privacy;

/// <summary>Seals redacted originals with the data-protection key ring, under a purpose of their own.</summary>
public sealed class PiiVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("AiFlow.Pii.Originals.v1");

    public string Seal(string original) => protector.Protect(original);

    public string Unseal(string sealedOriginal) => protector.Unprotect(sealedOriginal);
}
