using System.Buffers.Binary;
using System.IO.Hashing;
using AiFlow.Infrastructure.Media.Upload;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.Infrastructure.Media;

public sealed class PngChunkWalkerTests
{
    private static (int Width, int Height, string? Problem) Walk(ReadOnlySpan<byte> bytes, int piece)
    {
        var walker = new PngChunkWalker();
        for (var at = 0; at < bytes.Length; at += piece) walker.Append(bytes.Slice(at, Math.Min(piece, bytes.Length - at)));
        return walker.Finish();
    }

    [Fact]
    public void A_png_fed_in_pieces_of_any_size_gives_its_width_and_height()
    {
        var png = MediaFiles.Png(37, 21);
        foreach (var piece in new[] { 1, 2, 3, 4, 5, 7, 8, 12, 13, 100, png.Length })
        {
            Assert.Equal((37, 21, (string?)null), Walk(png, piece));
        }
    }

    [Fact]
    public void A_png_cut_short_anywhere_after_its_signature_is_truncated()
    {
        var png = MediaFiles.Png(16, 9);
        for (var length = 8; length < png.Length; length++)
        {
            var (_, _, problem) = Walk(png.AsSpan(0, length), 7);
            Assert.Equal("the file ends in the middle of its image data (truncated)", problem);
        }
    }

    [Fact]
    public void A_changed_byte_in_a_chunk_fails_that_chunks_checksum_and_names_the_chunk()
    {
        var png = MediaFiles.Png(16, 9);
        var idat = png.AsSpan().IndexOf("IDAT"u8);
        png[idat + 4 + 2] ^= 0xFF;
        Assert.Equal((0, 0, "the PNG chunk IDAT fails its checksum (damaged)"), Walk(png, 64));
    }

    [Fact]
    public void A_png_that_does_not_begin_with_ihdr_or_whose_ihdr_is_short_or_sizeless_is_refused()
    {
        Assert.Equal("the PNG does not begin with its IHDR header", Walk(Png(Chunk("IDAT", [1, 2, 3]), Chunk("IEND", [])), 5).Problem);
        Assert.Equal("the PNG header is too short", Walk(Png(Chunk("IHDR", [0, 0, 0, 4]), Chunk("IEND", [])), 5).Problem);
        Assert.Equal("the PNG has no size", Walk(Png(Chunk("IHDR", Header(0, 4)), Chunk("IEND", [])), 5).Problem);
        Assert.Equal((3, 4, (string?)null), Walk(Png(Chunk("IHDR", Header(3, 4)), Chunk("IEND", [])), 5));
    }

    [Fact]
    public void A_chunk_claiming_more_than_two_gigabytes_is_refused_at_once()
    {
        var chunk = Chunk("IHDR", Header(3, 4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 0x8000_0000);
        var walker = new PngChunkWalker();
        walker.Append(Png(chunk));
        Assert.True(walker.IsDone);
        Assert.Equal("a PNG chunk claims an impossible length", walker.Finish().Problem);
    }

    [Fact]
    public void Bytes_after_iend_are_ignored_and_what_images_headers_reads_from_a_stream_agrees()
    {
        var png = MediaFiles.Png(12, 34);
        byte[] trailed = [.. png, .. "trailing bytes a decoder ignores"u8];
        Assert.Equal((12, 34, (string?)null), Walk(trailed, 10));
        using var stream = new MemoryStream(trailed);
        Assert.Equal((12, 34, (string?)null), ImageHeaders.Read("image/png", stream));
    }

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        return header;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static byte[] Png(params byte[][] chunks) => [.. PngChunkWalker.Signature, .. chunks.SelectMany(c => c)];
}
