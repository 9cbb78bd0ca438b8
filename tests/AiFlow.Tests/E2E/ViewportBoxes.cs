using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Checks that elements lie inside the viewport's width and, if given, inside the box that holds (and may scroll) them.</summary>
public static class ViewportBoxes
{
    public static async Task AssertInsideAsync(IPage page, ILocator elements, string what, ILocator? container = null)
    {
        var viewport = await page.EvaluateAsync<double>("() => document.documentElement.clientWidth");
        var (left, right) = (0d, viewport);
        if (container is not null)
        {
            var box = await container.First.EvaluateAsync<double[]>("e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; }");
            (left, right) = (Math.Max(left, box[0]), Math.Min(right, box[1]));
        }
        var boxes = await elements.EvaluateAllAsync<string[]>(
            "els => els.filter(e => e.getClientRects().length > 0).map(e => { const r = e.getBoundingClientRect(); return `${r.left}|${r.right}|${(e.innerText || e.getAttribute('data-testid') || e.tagName).trim().slice(0, 40)}`; })");
        Assert.NotEmpty(boxes);
        // Half a pixel for sub-pixel layout.
        var outside = boxes.Select(b => b.Split('|')).Where(b => double.Parse(b[0], System.Globalization.CultureInfo.InvariantCulture) < left - 0.5
            || double.Parse(b[1], System.Globalization.CultureInfo.InvariantCulture) > right + 0.5).Select(b => $"'{b[2]}' spans {b[0]}..{b[1]}").ToList();
        Assert.True(outside.Count == 0, $"Each {what} should lie within {left}..{right}; outside: {string.Join("; ", outside)}");
    }
}
