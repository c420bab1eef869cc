using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace NewsFeed.Tests.Support;

/// <summary>Real picture files made in code: what a newsroom drops in, and what a hostile or careless file looks like.</summary>
public static class TestImages
{
    /// <summary>A marker written into a picture's metadata; no served variant may carry it.</summary>
    public const string SecretMarker = "NF-SECRET-GPS-50.4501N-30.5234E";

    /// <summary>A photograph-like JPEG (a gradient), with XMP metadata carrying <see cref="SecretMarker"/> and an EXIF orientation.</summary>
    public static byte[] Jpeg(int width, int height, int orientation = 1, bool cmyk = false)
    {
        using var image = Gradient(width, height);
        using var tagged = image.Mutate(m =>
        {
            m.Set(GValue.GIntType, "orientation", orientation);
            m.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes($"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">{SecretMarker}</x:xmpmeta>"));
        });
        if (cmyk)
        {
            using var converted = tagged.Colourspace(Enums.Interpretation.Cmyk);
            return converted.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
        }

        return tagged.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.All);
    }

    public static byte[] Png(int width, int height, bool alpha = false, bool sixteenBit = false)
    {
        using var image = Gradient(width, height);
        using var withAlpha = alpha ? image.BandjoinConst([128]) : image.Copy();
        if (sixteenBit)
        {
            using var wide = withAlpha.Cast(Enums.BandFormat.Ushort);
            using var scaled = wide * 256;
            using var deep = scaled.Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Rgb16);
            return deep.PngsaveBuffer(bitdepth: 16);
        }

        return withAlpha.PngsaveBuffer();
    }

    /// <summary>An animated GIF of <paramref name="frames"/> frames.</summary>
    public static byte[] AnimatedGif(int width, int height, int frames)
    {
        var pages = Enumerable.Range(0, frames).Select(i => (Image.Black(width, height, bands: 3) + new double[] { 40 * i, 100, 200 - (30 * i) }).Cast(Enums.BandFormat.Uchar)).ToArray();
        using var strip = Image.Arrayjoin(pages, across: 1);
        using var animated = strip.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", height);
            m.Set(GValue.GIntType, "n-pages", frames);
        });
        foreach (var page in pages)
        {
            page.Dispose();
        }

        return animated.GifsaveBuffer();
    }

    /// <summary>An SVG that holds a script and an event handler (librsvg draws it; nothing runs it).</summary>
    public static byte[] SvgWithScript() => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1600\" height=\"900\" onload=\"alert(1)\">"
        + "<script>alert(document.cookie)</script><rect width=\"1600\" height=\"900\" fill=\"#2a6\"/></svg>");

    /// <summary>
    /// A PNG that says it is <paramref name="width"/> × <paramref name="height"/> in its header, with a few bytes of
    /// compressed rows: a decompression bomb when the size is huge. Never decodable in full, and never needs to be.
    /// </summary>
    public static byte[] PngBomb(int width = 50_000, int height = 50_000)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(output, "IHDR", header);
        using (var rows = new MemoryStream())
        {
            using (var zlib = new ZLibStream(rows, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[64 * 1024]);
            }

            Chunk(output, "IDAT", rows.ToArray());
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A JPEG whose header is whole and whose picture data is noise: readable to its header, not past it.</summary>
    public static byte[] CorruptJpeg()
    {
        var good = Jpeg(640, 480);
        var broken = (byte[])good.Clone();
        var random = new Random(7);
        for (var i = good.Length / 3; i < good.Length - 2; i++)
        {
            broken[i] = (byte)random.Next(256);
        }

        return broken[..(good.Length * 2 / 3)];
    }

    /// <summary>The width, height, bands, format and interpretation libvips reads back from a served file.</summary>
    public static (int Width, int Height, int Bands, Enums.BandFormat Format, Enums.Interpretation Interpretation) Read(byte[] file)
    {
        using var image = Image.NewFromBuffer(file);
        return (image.Width, image.Height, image.Bands, image.Format, image.Interpretation);
    }

    private static Image Gradient(int width, int height)
    {
        using var x = Image.Xyz(width, height);
        using var red = x[0] * (255.0 / Math.Max(1, width - 1));
        using var green = x[1] * (255.0 / Math.Max(1, height - 1));
        using var blue = (red + green) * 0.5;
        using var joined = red.Bandjoin(green, blue);
        return joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        output.Write(length);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
