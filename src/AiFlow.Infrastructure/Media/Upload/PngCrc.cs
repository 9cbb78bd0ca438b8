using System.IO.Hashing;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>
/// The CRC-32 PNG chunks carry (ISO 3309, the same polynomial as <see cref="Crc32"/>), incremental. Every chunk of an
/// uploaded PNG is checked, so this runs over every byte: the vectorised implementation keeps it far below the cost of
/// receiving the bytes, where a table-per-byte loop was the slowest step of an upload.
/// </summary>
internal sealed class PngCrc
{
    private readonly Crc32 crc = new();

    public uint Value => crc.GetCurrentHashAsUInt32();

    public void Append(ReadOnlySpan<byte> bytes) => crc.Append(bytes);
}
