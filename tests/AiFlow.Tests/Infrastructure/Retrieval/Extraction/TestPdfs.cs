using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

/// <summary>PDFs made inside the tests: nothing binary is checked into the repository.</summary>
internal static class TestPdfs
{
    /// <summary>
    /// Two pages: "Installation" (24 pt) over body text on page 1; "Usage" (24 pt), "Options" (16 pt) and body text on
    /// page 2. Body text is 11 pt.
    /// </summary>
    public static byte[] Manual()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);

        var first = builder.AddPage(PageSize.A4);
        first.AddText("Installation", 24, new PdfPoint(50, 760), font);
        first.AddText("Unpack the archive into a folder of your choice", 11, new PdfPoint(50, 720), font);
        first.AddText("and run the installer as an administrator.", 11, new PdfPoint(50, 706), font);
        first.AddText("The installer asks for a licence key.", 11, new PdfPoint(50, 660), font);

        var second = builder.AddPage(PageSize.A4);
        second.AddText("Usage", 24, new PdfPoint(50, 760), font);
        second.AddText("Start the program from the menu.", 11, new PdfPoint(50, 720), font);
        second.AddText("Options", 16, new PdfPoint(50, 680), font);
        second.AddText("Every option can also be set in the settings file.", 11, new PdfPoint(50, 650), font);

        return builder.Build();
    }

    public static readonly string[] RunningHeadBodies =
    [
        "The water filter sits behind the grille.",
        "Replace it every six months.",
        "Flush four litres through a new filter.",
        "Hold the button to reset the light.",
    ];

    /// <summary>Four pages, each with the running head "ACME Fridge Manual" and the foot "Page N" around its own text.</summary>
    public static byte[] WithRunningHeadAndFoot()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 1; i <= 4; i++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText("ACME Fridge Manual", 9, new PdfPoint(50, 810), font);
            page.AddText(RunningHeadBodies[i - 1], 11, new PdfPoint(50, 700), font);
            page.AddText($"Page {i}", 9, new PdfPoint(50, 30), font);
        }

        return builder.Build();
    }

    /// <summary>A page with a drawn rectangle and no text, as a scan without OCR looks to a text extractor.</summary>
    public static byte[] WithoutText()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 100);
        return builder.Build();
    }

    public static byte[] Pages(int count)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 1; i <= count; i++)
        {
            builder.AddPage(PageSize.A4).AddText($"Page {i} text.", 11, new PdfPoint(50, 700), font);
        }

        return builder.Build();
    }

    /// <summary>
    /// A minimal, well-formed PDF whose trailer names a standard-security /Encrypt dictionary (RC4, 40 bit) with
    /// password hashes that match no password: PdfPig's writer cannot encrypt, so the file is written by hand with
    /// exact cross-reference offsets.
    /// </summary>
    public static byte[] Encrypted()
    {
        var hash = new string('A', 64);
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
            $"<< /Filter /Standard /V 1 /R 2 /O <{hash}> /U <{hash}> /P -44 >>",
        };

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<{new string('B', 32)}> <{new string('B', 32)}>] >>\n");
        pdf.Append($"startxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
