using System.Buffers.Binary;

namespace AiFlow.Infrastructure.Media.Audio;

/// <summary>The facts of a RIFF/WAVE header; read without decoding the samples.</summary>
public sealed record WavInfo(int Channels, int SampleRate, int BitsPerSample, long DataBytes)
{
    public long DurationMs => ByteRate == 0 ? 0 : DataBytes * 1000 / ByteRate;

    private long ByteRate => (long)SampleRate * Channels * Math.Max(1, BitsPerSample / 8);

    /// <summary>The header's facts, or null when the bytes are not a well-formed WAV (no RIFF/WAVE, no fmt or data chunk, or a data chunk past the end).</summary>
    public static WavInfo? Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8)) return null;
        var offset = 12;
        (int Channels, int Rate, int Bits)? format = null;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > bytes.Length) return null;
                format = (BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2)),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(body + 4, 4)),
                    BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2)));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is not { Channels: > 0, Rate: > 0, Bits: > 0 } f || body + (long)size > bytes.Length) return null;
                return new WavInfo(f.Channels, f.Rate, f.Bits, size);
            }
            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }
        return null;
    }
}
