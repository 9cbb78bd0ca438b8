using System.Buffers.Binary;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>A RIFF/WAVE file's structure: a sane <c>fmt </c> chunk and a <c>data</c> chunk inside the file, before ffprobe sees it.</summary>
public static class WavHeader
{
    public static string? Problem(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var header = new byte[12];
        if (file.Read(header) < 12) return "the WAV is shorter than its RIFF header";
        var hasFormat = false;
        var chunk = new byte[8];
        while (file.Position + 8 <= file.Length)
        {
            file.ReadExactly(chunk);
            var type = System.Text.Encoding.ASCII.GetString(chunk, 0, 4);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (type == "fmt ")
            {
                if (length < 16 || length > 1024) return "the WAV's format chunk has an impossible length";
                var format = new byte[16];
                file.ReadExactly(format);
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(2));
                var rate = BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(4));
                var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(12));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(14));
                if (channels is 0 or > 64 || rate is 0 or > 1_000_000 || blockAlign == 0 || bits is 0 or > 64) return "the WAV's format chunk is damaged (channels, sample rate or sample size)";
                hasFormat = true;
                file.Seek(length - 16 + (length & 1), SeekOrigin.Current);
                continue;
            }
            if (type == "data")
            {
                if (!hasFormat) return "the WAV has sound data before its format chunk";
                return file.Position + length > file.Length ? "the WAV's data chunk runs past the end of the file (truncated)" : null;
            }
            if (!type.All(c => c is >= ' ' and <= '~')) return "the WAV's chunks are damaged";
            file.Seek(length + (length & 1), SeekOrigin.Current);
        }
        return hasFormat ? "the WAV has no data chunk" : "the WAV has no format chunk";
    }
}
