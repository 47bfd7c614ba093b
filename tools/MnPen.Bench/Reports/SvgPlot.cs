using System.Globalization;
using System.Net;
using System.Text;

namespace MnPen.Bench.Reports;

/// <summary>
/// Draws a BenchPlot as inline SVG. Written by hand on purpose: a few polylines, rectangles and axis ticks are all the
/// report needs, inline SVG keeps the report one self-contained file that opens anywhere (no script, no CDN), and no
/// .NET charting package renders to plain SVG without pulling in a graphics stack.
/// </summary>
public static class SvgPlot
{
    private const int W = 660, H = 310, L = 62, R = 62, T = 28, B = 60;
    private static readonly string[] Colours = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b" };

    /// <summary>The plot as an svg element.</summary>
    public static string Render(BenchPlot p) => p.Kind == PlotKind.Histogram ? Histogram(p) : Lines(p);

    private static string Lines(BenchPlot p)
    {
        var left = p.Series.Where(s => s.Axis != "right").ToList();
        var right = p.Series.Where(s => s.Axis == "right").ToList();
        var xs = p.Series.SelectMany(s => s.X).Concat(p.XMarkers.Select(m => m.At)).Where(double.IsFinite).ToList();
        if (xs.Count == 0) return "";
        var (x0, x1) = Range(xs, 0);
        var ly = left.SelectMany(s => s.Y.Concat(s.Upper ?? Array.Empty<double>())).Concat(p.YMarkers.Select(m => m.At)).Where(double.IsFinite).ToList();
        var (y0, y1) = Range(ly.Count > 0 ? ly : new List<double> { 0, 1 }, 0.05);
        var ry = right.SelectMany(s => s.Y).Where(double.IsFinite).ToList();
        var (r0, r1) = Range(ry.Count > 0 ? ry.Append(0) .ToList() : new List<double> { 0, 1 }, 0.05);
        var sb = Open(p);
        Axes(sb, x0, x1, y0, y1, p.XLabel, p.YLabel, right.Count > 0 ? (r0, r1, p.Y2Label ?? "") : null);
        foreach (var m in p.YMarkers)
        {
            double y = Y(m.At, y0, y1);
            sb.Append($"<line x1='{L}' x2='{W - R}' y1='{N(y)}' y2='{N(y)}' stroke='#888' stroke-dasharray='4 3'/>");
            sb.Append($"<text x='{W - R - 4}' y='{N(y - 3)}' text-anchor='end' font-size='10' fill='#555'>{E(m.Label)}</text>");
        }
        int k = 0;
        foreach (var s in p.Series)
        {
            string c = Colours[k++ % Colours.Length];
            bool onRight = s.Axis == "right";
            Func<double, double> fy = onRight ? v => Y(v, r0, r1) : v => Y(v, y0, y1);
            if (s.Upper != null)
            {
                var upper = s.X.Select((x, i) => N(X(x, x0, x1)) + "," + N(fy(s.Upper[i])));
                var lower = s.X.Select((x, i) => N(X(x, x0, x1)) + "," + N(fy(s.Y[i]))).Reverse();
                // The outline keeps a band visible where pens barely differ (it is then a halo round the median line).
                sb.Append($"<polygon points='{string.Join(" ", upper.Concat(lower))}' fill='{c}' fill-opacity='0.25' stroke='{c}' stroke-opacity='0.35' stroke-width='4'/>");
                continue;
            }
            var pts = s.X.Select((x, i) => (x, y: s.Y[i])).Where(q => double.IsFinite(q.y)).Select(q => N(X(q.x, x0, x1)) + "," + N(fy(q.y)));
            sb.Append($"<polyline points='{string.Join(" ", pts)}' fill='none' stroke='{c}' stroke-width='1.6'/>");
        }
        XMarkers(sb, p, x0, x1);
        Legend(sb, p.Series.Select((s, i) => (s.Name + (s.Axis == "right" ? " (right axis)" : ""), Colours[i % Colours.Length])).ToList());
        return sb.Append("</svg>").ToString();
    }

    private static string Histogram(BenchPlot p)
    {
        var v = p.Values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return "";
        var (x0, x1) = Range(v.Concat(p.XMarkers.Select(m => m.At)).Append(0).ToList(), 0.02);
        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(v.Length)), 5, 40);
        double width = (x1 - x0) / bins;
        var counts = new int[bins];
        foreach (var x in v) counts[Math.Clamp((int)((x - x0) / width), 0, bins - 1)]++;
        var (y0, y1) = (0.0, Math.Max(1, counts.Max()) * 1.1);
        var sb = Open(p);
        Axes(sb, x0, x1, y0, y1, p.XLabel, p.YLabel, null);
        for (int i = 0; i < bins; i++)
        {
            if (counts[i] == 0) continue;
            double bx = X(x0 + i * width, x0, x1), bw = X(x0 + (i + 1) * width, x0, x1) - bx, by = Y(counts[i], y0, y1);
            sb.Append($"<rect x='{N(bx + 0.5)}' y='{N(by)}' width='{N(Math.Max(1, bw - 1))}' height='{N(H - B - by)}' fill='{Colours[0]}'><title>{counts[i]} in {N(x0 + i * width)}..{N(x0 + (i + 1) * width)}</title></rect>");
        }
        XMarkers(sb, p, x0, x1);
        Legend(sb, new List<(string, string)> { ($"{v.Length} injections, max {N(v.Max())} ms", Colours[0]) });
        return sb.Append("</svg>").ToString();
    }

    private static StringBuilder Open(BenchPlot p)
    {
        var sb = new StringBuilder();
        sb.Append($"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {W} {H}' width='{W}' height='{H}' font-family='sans-serif' role='img'>");
        sb.Append($"<title>{E(p.Title)}</title><rect width='{W}' height='{H}' fill='white'/>");
        sb.Append($"<text x='{L}' y='16' font-size='12' font-weight='bold'>{E(Trim(p.Title, 95))}</text>");
        return sb;
    }

    private static void Axes(StringBuilder sb, double x0, double x1, double y0, double y1, string xl, string yl, (double lo, double hi, string label)? right)
    {
        sb.Append($"<rect x='{L}' y='{T}' width='{W - L - R}' height='{H - T - B}' fill='none' stroke='#333'/>");
        foreach (var t in Ticks(x0, x1))
        {
            double x = X(t, x0, x1);
            sb.Append($"<line x1='{N(x)}' x2='{N(x)}' y1='{T}' y2='{H - B}' stroke='#eee'/><text x='{N(x)}' y='{H - B + 14}' text-anchor='middle' font-size='10'>{TickText(t, x0, x1)}</text>");
        }
        foreach (var t in Ticks(y0, y1))
        {
            double y = Y(t, y0, y1);
            sb.Append($"<line x1='{L}' x2='{W - R}' y1='{N(y)}' y2='{N(y)}' stroke='#eee'/><text x='{L - 4}' y='{N(y + 3)}' text-anchor='end' font-size='10'>{TickText(t, y0, y1)}</text>");
        }
        if (right is var (lo, hi, label))
        {
            foreach (var t in Ticks(lo, hi))
                sb.Append($"<text x='{W - R + 4}' y='{N(Y(t, lo, hi) + 3)}' font-size='10' fill='{Colours[1]}'>{TickText(t, lo, hi)}</text>");
            sb.Append($"<text transform='translate({W - 14},{(T + H - B) / 2}) rotate(90)' text-anchor='middle' font-size='11' fill='{Colours[1]}'>{E(label)}</text>");
        }
        sb.Append($"<text x='{(L + W - R) / 2}' y='{H - B + 30}' text-anchor='middle' font-size='11'>{E(xl)}</text>");
        sb.Append($"<text transform='translate(14,{(T + H - B) / 2}) rotate(-90)' text-anchor='middle' font-size='11'>{E(yl)}</text>");
    }

    private static void XMarkers(StringBuilder sb, BenchPlot p, double x0, double x1)
    {
        int i = 0;
        foreach (var m in p.XMarkers)
        {
            double x = X(m.At, x0, x1);
            sb.Append($"<line x1='{N(x)}' x2='{N(x)}' y1='{T}' y2='{H - B}' stroke='#444' stroke-dasharray='3 3'/>");
            // Labels near the right edge go left of their line so they stay inside the plot.
            bool flip = x > W - R - 90;
            sb.Append($"<text x='{N(flip ? x - 3 : x + 3)}' y='{T + 12 + 11 * (i++ % 3)}' font-size='10' fill='#333'{(flip ? " text-anchor='end'" : "")}>{E(m.Label)}</text>");
        }
    }

    private static void Legend(StringBuilder sb, List<(string Name, string Colour)> items)
    {
        double x = L + 8;
        foreach (var (name, colour) in items)
        {
            sb.Append($"<rect x='{N(x)}' y='{H - 13}' width='10' height='10' fill='{colour}'/><text x='{N(x + 14)}' y='{H - 4}' font-size='10'>{E(name)}</text>");
            x += 24 + name.Length * 5.6;
        }
    }

    private static (double, double) Range(IReadOnlyCollection<double> v, double pad)
    {
        double lo = v.Min(), hi = v.Max();
        if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
        double d = (hi - lo) * pad;
        return (lo - d, hi + d);
    }

    private static double Step(double lo, double hi)
    {
        double raw = (hi - lo) / 6, mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        return new[] { 1, 2, 5, 10 }.Select(f => f * mag).First(s => s >= raw);
    }

    // As many decimals as the tick step needs, so a narrow axis reads 0.498, 0.5, 0.502 rather than 0.5, 0.5, 0.5.
    private static string TickText(double t, double lo, double hi)
    {
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(Step(lo, hi))), 0, 6);
        return (Math.Round(t, decimals) + 0.0).ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    private static IEnumerable<double> Ticks(double lo, double hi)
    {
        double step = Step(lo, hi);
        for (double t = Math.Ceiling(lo / step) * step; t <= hi + 1e-9; t += step) yield return Math.Round(t, 10);
    }

    private static double X(double v, double lo, double hi) => L + (v - lo) / (hi - lo) * (W - L - R);
    private static double Y(double v, double lo, double hi) => H - B - (v - lo) / (hi - lo) * (H - T - B);
    // + 0.0 turns a rounded -0 into 0, so no axis reads "-0".
    private static string N(double v) => (Math.Round(v, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture);
    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
