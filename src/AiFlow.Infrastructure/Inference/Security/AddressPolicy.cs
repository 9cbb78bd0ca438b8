using System.Net;
using System.Net.Sockets;

namespace AiFlow.Infrastructure.Inference.Security;

/// <summary>Which IP addresses an endpoint may never reach (unless its host is allow-listed): pure, no DNS.</summary>
public static class AddressPolicy
{
    /// <summary>Returns why <paramref name="address"/> is refused, or null when it is a public unicast address.</summary>
    public static string? WhyRefused(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            var inner = WhyRefused(address.MapToIPv4());
            return inner is null ? null : $"IPv4-mapped IPv6 ({inner})";
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => WhyRefusedV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => WhyRefusedV6(address),
            _ => "not an IP address",
        };
    }

    private static string? WhyRefusedV4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [127, ..] => "loopback (127.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [169, 254, ..] => "link-local (169.254.0.0/16, cloud metadata)",
        [100, >= 64 and <= 127, ..] => "shared address space (100.64.0.0/10)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [>= 224, ..] => "multicast or reserved (224.0.0.0/3)",
        _ => null,
    };

    private static string? WhyRefusedV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback (::1)";
        if (address.Equals(IPAddress.IPv6None)) return "unspecified (::)";
        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return "unique local (fc00::/7)";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local (fe80::/10)";
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return "site-local (fec0::/10)";
        if (b[0] == 0xFF) return "multicast (ff00::/8)";
        // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) embed an IPv4 address: judge that address.
        if (b.Take(12).All(x => x == 0) || (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0)))
        {
            var inner = WhyRefusedV4(b[12..]);
            return inner is null ? null : $"embedded IPv4 ({inner})";
        }

        return null;
    }
}
