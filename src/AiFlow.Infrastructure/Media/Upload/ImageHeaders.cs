using System.Buffers.Binary;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>
/// Width and height from an image's own headers, and a structural check of the whole file (PNG chunk CRCs up to
/// IEND, JPEG markers up to EOI, GIF's trailer, WebP's RIFF length), so a truncated or damaged image is refused at
/// upload instead of failing later in a model call. Nothing is decoded: a decompression bomb costs no memory here.
/// </summary>
public static class ImageHeaders
{
    /// <summary>(width, height) or the reason the file is not a well-formed image of that type.</summary>
    public static (int Width, int Height, string? Problem) Read(string mimeType, Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            return mimeType switch
            {
                "image/png" => Png(file),
                "image/jpeg" => Jpeg(file),
                "image/gif" => Gif(file),
                "image/webp" => WebP(file),
                _ => (0, 0, $"{mimeType} is not an image type"),
            };
        }
        catch (EndOfStreamException)
        {
            return (0, 0, "the file ends in the middle of its image data (truncated)");
        }
    }

    private static (int, int, string?) Png(Stream file)
    {
        var walker = new PngChunkWalker();
        var buffer = new byte[81920];
        int read;
        while (!walker.IsDone && (read = file.Read(buffer)) > 0) walker.Append(buffer.AsSpan(0, read));
        return walker.Finish();
    }

    private static (int, int, string?) Jpeg(Stream file)
    {
        Skip(file, 2);
        int width = 0, height = 0;
        while (true)
        {
            var marker = NextMarker(file);
            if (marker == 0xD9) return width > 0 && height > 0 ? (width, height, null) : (0, 0, "the JPEG has no frame header");
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue;
            var length = ReadUInt16(file);
            if (length < 2) return (0, 0, "a JPEG segment claims an impossible length");
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var frame = new byte[length - 2];
                file.ReadExactly(frame);
                if (frame.Length < 5) return (0, 0, "the JPEG frame header is too short");
                height = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1));
                width = BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(3));
                continue;
            }
            Skip(file, length - 2);
            if (marker == 0xDA)
            {
                // Entropy-coded data: scan to the next marker that is not a stuffed zero or a restart.
                if (!ScanPastEntropyData(file, out var next)) return (0, 0, "the file ends in the middle of its image data (truncated)");
                if (next == 0xD9) return width > 0 && height > 0 ? (width, height, null) : (0, 0, "the JPEG has no frame header");
                file.Seek(-2, SeekOrigin.Current);
            }
        }
    }

    private static bool ScanPastEntropyData(Stream file, out int marker)
    {
        marker = 0;
        var previous = -1;
        int b;
        while ((b = file.ReadByte()) >= 0)
        {
            if (previous == 0xFF && b != 0x00 && b != 0xFF && b is not (>= 0xD0 and <= 0xD7))
            {
                marker = b;
                return true;
            }
            previous = b;
        }
        return false;
    }

    private static int NextMarker(Stream file)
    {
        var b = file.ReadByte();
        if (b != 0xFF) throw b < 0 ? new EndOfStreamException() : new InvalidDataException();
        while ((b = file.ReadByte()) == 0xFF) { }
        return b < 0 ? throw new EndOfStreamException() : b;
    }

    private static (int, int, string?) Gif(Stream file)
    {
        var header = new byte[10];
        file.ReadExactly(header);
        var width = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
        var height = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        if (file.Length < 14) return (0, 0, "the GIF is too short");
        file.Seek(-1, SeekOrigin.End);
        if (file.ReadByte() != 0x3B) return (0, 0, "the GIF has no trailer (truncated)");
        return width > 0 && height > 0 ? (width, height, null) : (0, 0, "the GIF has no size");
    }

    private static (int, int, string?) WebP(Stream file)
    {
        var header = new byte[30];
        file.ReadExactly(header);
        var riffLength = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
        if (riffLength + 8L != file.Length) return (0, 0, "the WebP's length does not match its header (truncated or padded)");
        var chunk = System.Text.Encoding.ASCII.GetString(header, 12, 4);
        var data = header.AsSpan(20);
        return chunk switch
        {
            // VP8: a key frame's start code, then 14-bit width and height.
            "VP8 " when data[3] == 0x9D && data[4] == 0x01 && data[5] == 0x2A =>
                (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[8..]) & 0x3FFF, null),
            "VP8L" when data[0] == 0x2F => (1 + ((data[1] | (data[2] << 8)) & 0x3FFF), 1 + (((data[2] >> 6) | (data[3] << 2) | (data[4] << 10)) & 0x3FFF), null),
            "VP8X" => (1 + (data[4] | (data[5] << 8) | (data[6] << 16)), 1 + (data[7] | (data[8] << 8) | (data[9] << 16)), null),
            _ => (0, 0, "the WebP holds no image frame it announces"),
        };
    }

    private static int ReadUInt16(Stream file)
    {
        Span<byte> two = stackalloc byte[2];
        file.ReadExactly(two);
        return BinaryPrimitives.ReadUInt16BigEndian(two);
    }

    private static void Skip(Stream file, long count)
    {
        if (file.Position + count > file.Length) throw new EndOfStreamException();
        file.Seek(count, SeekOrigin.Current);
    }
}
