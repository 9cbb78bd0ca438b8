using System.Buffers.Binary;

namespace AiFlow.Infrastructure.Media.Upload;

/// <summary>
/// Checks a PNG's structure as its bytes arrive, in pieces of any size: every chunk's CRC up to IEND, and the size from
/// IHDR. Staging feeds it the buffers it hashes and writes, so an upload is checked without reading the file back;
/// <see cref="ImageHeaders"/> feeds it a stream. Bytes after IEND are ignored, as a decoder ignores them.
/// </summary>
public sealed class PngChunkWalker
{
    private readonly byte[] field = new byte[8];
    private readonly byte[] header = new byte[8];
    private Part part = Part.Signature;
    private int fieldLength;
    private long dataLeft;
    private int headerLength;
    private string type = "";
    private bool first = true;
    private PngCrc crc = new();
    private int width;
    private int height;
    private string? problem;

    private enum Part { Signature, ChunkHeader, Data, Crc, Done }

    /// <summary>The eight bytes every PNG begins with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>IEND was read, or the file was found damaged: what follows changes nothing.</summary>
    public bool IsDone => part == Part.Done || problem is not null;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && !IsDone)
        {
            switch (part)
            {
                // The signature was sniffed before anything was stored; here it is only skipped.
                case Part.Signature:
                    if (Collect(ref bytes, Signature.Length)) part = Part.ChunkHeader;
                    break;
                case Part.ChunkHeader:
                    if (Collect(ref bytes, 8)) StartChunk();
                    break;
                case Part.Data:
                    bytes = Data(bytes);
                    break;
                default:
                    if (Collect(ref bytes, 4)) EndChunk();
                    break;
            }
        }
    }

    /// <summary>(width, height) once the bytes are all in, or why they are not a well-formed PNG.</summary>
    public (int Width, int Height, string? Problem) Finish() =>
        problem is not null ? (0, 0, problem)
        : part != Part.Done ? (0, 0, "the file ends in the middle of its image data (truncated)")
        : (width, height, null);

    /// <summary>Collects a fixed-size field that may arrive split across pieces; true once it is whole.</summary>
    private bool Collect(ref ReadOnlySpan<byte> bytes, int length)
    {
        var take = Math.Min(length - fieldLength, bytes.Length);
        bytes[..take].CopyTo(field.AsSpan(fieldLength));
        fieldLength += take;
        bytes = bytes[take..];
        if (fieldLength < length) return false;
        fieldLength = 0;
        return true;
    }

    private void StartChunk()
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(field);
        if (length > int.MaxValue)
        {
            problem = "a PNG chunk claims an impossible length";
            return;
        }
        type = System.Text.Encoding.ASCII.GetString(field, 4, 4);
        if (first && type != "IHDR")
        {
            problem = "the PNG does not begin with its IHDR header";
            return;
        }
        crc = new PngCrc();
        crc.Append(field.AsSpan(4, 4));
        dataLeft = length;
        headerLength = 0;
        part = length > 0 ? Part.Data : Part.Crc;
    }

    private ReadOnlySpan<byte> Data(ReadOnlySpan<byte> bytes)
    {
        var piece = bytes[..(int)Math.Min(dataLeft, bytes.Length)];
        if (first && headerLength < header.Length)
        {
            var take = Math.Min(header.Length - headerLength, piece.Length);
            piece[..take].CopyTo(header.AsSpan(headerLength));
            headerLength += take;
        }
        crc.Append(piece);
        dataLeft -= piece.Length;
        if (dataLeft == 0)
        {
            if (first && headerLength < header.Length)
            {
                problem = "the PNG header is too short";
                return [];
            }
            if (first)
            {
                width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header), int.MaxValue);
                height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)), int.MaxValue);
            }
            part = Part.Crc;
        }
        return bytes[piece.Length..];
    }

    private void EndChunk()
    {
        if (BinaryPrimitives.ReadUInt32BigEndian(field) != crc.Value)
        {
            problem = $"the PNG chunk {type} fails its checksum (damaged)";
            return;
        }
        first = false;
        if (type != "IEND")
        {
            part = Part.ChunkHeader;
            return;
        }
        part = Part.Done;
        if (width <= 0 || height <= 0) problem = "the PNG has no size";
    }
}
