using System.Buffers.Binary;

namespace Matching.Host.Documents;

/// <summary>
/// One face of a TrueType collection (.ttc) as a standalone .ttf. PDFsharp 6.2 reads single fonts only
/// ("TrueType collection fonts are not yet supported"), and the CJK fonts systems ship (WenQuanYi,
/// Microsoft YaHei, SimSun) are collections: the face's table directory is copied with its tables and
/// their offsets rewritten, which is all a collection adds to a font.
/// </summary>
public static class TrueTypeCollection
{
    /// <summary>True when the bytes are a collection (start with <c>ttcf</c>).</summary>
    public static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && font[..4].SequenceEqual("ttcf"u8);

    /// <summary>The face at <paramref name="index"/> as a standalone font.</summary>
    /// <exception cref="InvalidDataException">The collection is malformed or has no such face.</exception>
    public static byte[] Extract(byte[] collection, int index = 0)
    {
        if (!IsCollection(collection)) throw new InvalidDataException("Not a TrueType collection.");
        var span = collection.AsSpan();
        var faces = BinaryPrimitives.ReadUInt32BigEndian(span[8..]);
        if (index < 0 || index >= faces || 12 + 4 * (index + 1) > span.Length) throw new InvalidDataException($"No face {index} in a collection of {faces}.");
        var directory = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[(12 + 4 * index)..]));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[(directory + 4)..]);
        var headerLength = 12 + 16 * tables;

        var records = new (uint Tag, uint Checksum, int Offset, int Length)[tables];
        for (var i = 0; i < tables; i++)
        {
            var record = span[(directory + 12 + 16 * i)..];
            records[i] = (BinaryPrimitives.ReadUInt32BigEndian(record), BinaryPrimitives.ReadUInt32BigEndian(record[4..]),
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])), checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])));
            if (records[i].Offset + (long)records[i].Length > span.Length) throw new InvalidDataException("A table lies outside the collection.");
        }

        var total = headerLength + records.Sum(r => Padded(r.Length));
        var font = new byte[total];
        span.Slice(directory, 12).CopyTo(font);
        var at = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var (tag, checksum, offset, length) = records[i];
            var record = font.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            span.Slice(offset, length).CopyTo(font.AsSpan(at));
            at += Padded(length);
        }

        return font;
    }

    // Tables start on 4-byte boundaries.
    private static int Padded(int length) => (length + 3) & ~3;
}
