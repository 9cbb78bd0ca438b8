using System.Security.Cryptography;

namespace AiFlow.Web.Features.Admin;

/// <summary>
/// A password an Admin reads to a new user once, e.g. <c>Kp7d-Rxm3-Tq9v-Bw4h</c>: 16 characters from an alphabet without
/// look-alikes (0/O, 1/l/I), about 90 bits, and always an upper-case letter, a lower-case letter and a digit, so that
/// Identity's password rules accept it.
/// </summary>
public static class OneTimePassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    public static string New()
    {
        while (true)
        {
            var characters = RandomNumberGenerator.GetString(Upper + Lower + Digits, 16);
            if (!characters.Any(char.IsUpper) || !characters.Any(char.IsLower) || !characters.Any(char.IsDigit)) continue;
            return string.Join('-', characters.Chunk(4).Select(chunk => new string(chunk)));
        }
    }
}
