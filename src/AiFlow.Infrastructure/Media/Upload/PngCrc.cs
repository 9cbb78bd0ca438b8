namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>The CRC-32 PNG chunks carry (ISO 3309 polynomial), incremental; a few lines instead of a package.</summary>
internal sealed class PngCrc
{
    private static readonly uint[] Table = MakeTable();
    private uint _crc = 0xFFFFFFFFu;

    public uint Value => _crc ^ 0xFFFFFFFFu;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var crc = _crc;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
    }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
