using System.Text;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>Decodes text the sniffer has already validated as UTF-8, without a byte-order mark and with \n line ends.</summary>
internal static class Utf8Text
{
    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Encoding.UTF8.Preamble))
        {
            content = content[Encoding.UTF8.Preamble.Length..];
        }

        return Encoding.UTF8.GetString(content).ReplaceLineEndings("\n");
    }
}
