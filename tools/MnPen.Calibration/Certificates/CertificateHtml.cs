using System.Globalization;
using System.Net;
using System.Text;

namespace MnPen.Calibration.Certificates;

/// <summary>
/// The certificate as one self-contained HTML page: identification, instrument, verdict, the points, and an inline
/// SVG plot of the pen's reading against the reference with its errors below it. Drawn by hand because no charting library
/// emits static SVG without a browser runtime; it is two polylines and axes.
/// </summary>
public static class CertificateHtml
{
    private const int W = 640, H = 300, Pad = 50, ResH = 140;

    /// <summary>The page.</summary>
    public static string Render(CalibrationOutcome o)
    {
        var b = new StringBuilder();
        string verdictColour = o.Verdict == "pass" ? "#1a7f37" : "#cf222e";
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calibration certificate ")
         .Append(E(o.PenSerial)).Append(' ').Append(E(o.Quantity)).Append("</title>\n<style>")
         .Append("body{font-family:sans-serif;margin:2em;color:#1f2328;max-width:760px}table{border-collapse:collapse;margin:1em 0}")
         .Append("td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:right}th{background:#f6f8fa}td.l,th.l{text-align:left}")
         .Append(".verdict{font-size:1.4em;font-weight:bold;color:").Append(verdictColour).Append("}</style></head><body>\n");
        b.Append("<h1>Calibration certificate — ").Append(E(o.Quantity)).Append("</h1>\n");
        b.Append("<p class=\"verdict\">").Append(o.Verdict == "pass" ? "PASS" : "REJECTED").Append("</p><p>").Append(E(o.Reason)).Append("</p>\n");
        b.Append("<table>");
        Row(b, "Pen serial", o.PenSerial);
        Row(b, "Firmware", o.FirmwareVersion);
        Row(b, "Technician", o.Technician);
        Row(b, "Date (UTC)", o.Date);
        Row(b, "Next due", o.NextDue.Length > 0 ? o.NextDue : "— (not written)");
        Row(b, "Reference instrument", $"{o.Instrument}, id {o.InstrumentId}, ±{F(o.InstrumentUncertainty)} {o.Unit}");
        Row(b, "Tolerance", o.ToleranceText.Length > 0 ? o.ToleranceText : $"±{F(o.Tolerance)} {o.Unit} at each check point");
        if (o.Fit is { } fit) Row(b, "Sweep line fit", $"reference = {fit.Gain:0.0000} × pen {(fit.Offset < 0 ? "−" : "+")} {Math.Abs(fit.Offset):0.0000} {o.Unit}; largest residual {fit.MaxAbsResidual:0.0000} {o.Unit}");
        b.Append("</table>\n");
        b.Append(Plot(o));
        b.Append("<h2>Sweep (previous calibration)</h2><table><tr><th>set point</th><th>pen reading</th><th>reference</th><th>pen − reference</th><th>line-fit residual</th></tr>");
        for (int i = 0; i < o.Points.Count; i++)
        {
            var p = o.Points[i];
            string residual = o.Fit is { } f && f.Residuals.Count == o.Points.Count ? F(f.Residuals[i]) : "";
            b.Append($"<tr><td>{F(p.SetPoint)}</td><td>{F(p.PenReading)}</td><td>{F(p.Reference)}</td><td>{F(p.PenReading - p.Reference)}</td><td>{residual}</td></tr>");
        }
        b.Append("</table>\n<h2>Verification (new calibration)</h2><table><tr><th>check point</th><th>pen reading</th><th>reference</th><th>error (").Append(E(o.CheckError)).Append(")</th><th>tolerance</th><th class=\"l\">result</th></tr>");
        foreach (var c in o.Checks)
            b.Append($"<tr><td>{F(c.SetPoint)}</td><td>{F(c.PenReading)}</td><td>{F(c.Reference)}</td><td>{F(c.Error)}</td><td>±{F(c.Tolerance)}</td><td class=\"l\">{(c.Pass ? "pass" : "FAIL")}</td></tr>");
        if (o.Motor is { } m) Motor(b, m);
        b.Append("</table>\n<h2>Preconditions</h2><table>");
        foreach (var p in o.Preconditions) b.Append($"<tr><td class=\"l\">{E(p.Check)}</td><td class=\"l\">{(p.Ok ? "ok" : "NOT MET")}</td><td class=\"l\">{E(p.Detail)}</td></tr>");
        b.Append("</table>\n</body></html>\n");
        return b.ToString();
    }

    // The pen's reading at each set point against the reference (sweep: blue dots, checks: green/red squares, agreement
    // line grey) and below it the pen's error against the reference with the tolerance band: what the calibration
    // corrected (sweep, previous calibration) and what remains (checks, new calibration). Pen reading rather than set
    // point on the x axis, because for the sensing channels and the current the set point is only an operating point.
    private static string Plot(CalibrationOutcome o)
    {
        var xs = o.Points.Select(p => p.PenReading).Concat(o.Checks.Select(c => c.PenReading)).ToList();
        var ys = o.Points.Select(p => p.Reference).Concat(o.Checks.Select(c => c.Reference)).ToList();
        if (xs.Count == 0) return "";
        double lo = Math.Min(xs.Min(), ys.Min()), hi = Math.Max(xs.Max(), ys.Max());
        if (hi <= lo) hi = lo + 1;
        double X(double v) => Pad + (v - lo) / (hi - lo) * (W - 2 * Pad);
        double Y(double v) => H - Pad + 10 - (v - lo) / (hi - lo) * (H - 2 * Pad);
        var errs = o.Points.Select(p => p.PenReading - p.Reference).Concat(o.Checks.Select(c => c.Error)).ToList();
        double span = Math.Max(o.Tolerance * 1.5, errs.Max(Math.Abs) * 1.1);
        double top = H + 20, mid = top + ResH / 2.0;
        double R(double e) => mid - e / span * (ResH / 2.0 - 10);
        var s = new StringBuilder();
        s.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H + ResH + 40}\" role=\"img\" aria-label=\"pen reading against reference, and the pen's error\" style=\"font:11px sans-serif\">");
        s.Append($"<rect x=\"{Pad}\" y=\"{Pad}\" width=\"{W - 2 * Pad}\" height=\"{H - 2 * Pad + 20}\" fill=\"none\" stroke=\"#888\"/>");
        s.Append($"<line x1=\"{N(X(lo))}\" y1=\"{N(Y(lo))}\" x2=\"{N(X(hi))}\" y2=\"{N(Y(hi))}\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>");
        for (int i = 0; i <= 4; i++)
        {
            double v = lo + (hi - lo) * i / 4;
            s.Append($"<text x=\"{N(X(v))}\" y=\"{H - Pad + 25}\" text-anchor=\"middle\">{F(v)}</text><text x=\"{Pad - 6}\" y=\"{N(Y(v) + 4)}\" text-anchor=\"end\">{F(v)}</text>");
        }
        s.Append($"<text x=\"{W / 2}\" y=\"{H - 5}\" text-anchor=\"middle\">pen reading ({E(o.Unit)})</text>");
        s.Append($"<text x=\"12\" y=\"{H / 2}\" transform=\"rotate(-90 12 {H / 2})\" text-anchor=\"middle\">reference ({E(o.Unit)})</text>");
        foreach (var p in o.Points) s.Append($"<circle cx=\"{N(X(p.PenReading))}\" cy=\"{N(Y(p.Reference))}\" r=\"4\" fill=\"#0969da\"><title>sweep at {F(p.SetPoint)}: pen {F(p.PenReading)}, reference {F(p.Reference)}</title></circle>");
        foreach (var c in o.Checks) s.Append($"<rect x=\"{N(X(c.PenReading) - 4)}\" y=\"{N(Y(c.Reference) - 4)}\" width=\"8\" height=\"8\" fill=\"{(c.Pass ? "#1a7f37" : "#cf222e")}\"><title>check at {F(c.SetPoint)}: pen {F(c.PenReading)}, reference {F(c.Reference)}</title></rect>");
        // Residuals panel with the tolerance band.
        s.Append($"<rect x=\"{Pad}\" y=\"{N(top)}\" width=\"{W - 2 * Pad}\" height=\"{ResH}\" fill=\"none\" stroke=\"#888\"/>");
        s.Append($"<rect x=\"{Pad}\" y=\"{N(R(o.Tolerance))}\" width=\"{W - 2 * Pad}\" height=\"{N(R(-o.Tolerance) - R(o.Tolerance))}\" fill=\"#1a7f37\" fill-opacity=\"0.08\"/>");
        s.Append($"<line x1=\"{Pad}\" y1=\"{N(mid)}\" x2=\"{W - Pad}\" y2=\"{N(mid)}\" stroke=\"#bbb\"/>");
        s.Append($"<text x=\"{Pad - 6}\" y=\"{N(R(o.Tolerance) + 4)}\" text-anchor=\"end\">+{F(o.Tolerance)}</text><text x=\"{Pad - 6}\" y=\"{N(R(-o.Tolerance) + 4)}\" text-anchor=\"end\">−{F(o.Tolerance)}</text>");
        s.Append($"<text x=\"{W / 2}\" y=\"{N(top + ResH + 16)}\" text-anchor=\"middle\">{(o.CheckError == "pen − reference" ? $"pen − reference ({E(o.Unit)}): sweep (blue, previous calibration), checks (squares, new calibration)" : $"sweep (blue): pen − reference; checks (squares): {E(o.CheckError)} ({E(o.Unit)})")}; band = tolerance</text>");
        foreach (var p in o.Points) s.Append($"<circle cx=\"{N(X(p.PenReading))}\" cy=\"{N(R(p.PenReading - p.Reference))}\" r=\"3.5\" fill=\"#0969da\"/>");
        foreach (var c in o.Checks) s.Append($"<rect x=\"{N(X(c.PenReading) - 4)}\" y=\"{N(R(c.Error) - 4)}\" width=\"8\" height=\"8\" fill=\"{(c.Pass ? "#1a7f37" : "#cf222e")}\"/>");
        s.Append("</svg>\n");
        return s.ToString();
    }

    // The motor auto-tune: its test pulses with the fit's residuals, the constants and the rate-loop gains derived from them.
    private static void Motor(StringBuilder b, MotorTune m)
    {
        b.Append("</table>\n<h2>Motor auto-tune</h2><table><tr><th>level</th><th class=\"l\">brake</th><th>tachometer</th><th>current (A)</th><th>duty</th><th>supply (V)</th><th>handpiece (°C)</th><th>residual (V)</th></tr>");
        foreach (var p in m.TestPoints)
            b.Append($"<tr><td>{F(p.SetPoint)}</td><td class=\"l\">{(p.BrakeAmps > 0 ? "about " + F(p.BrakeAmps) + " A" : "released")}</td><td>{F(p.TachometerRate)}</td><td>{F(p.Amps)}</td><td>{F(p.Duty)}</td><td>{F(p.Volts)}</td><td>{p.HandpieceCelsius.ToString("0.0", CultureInfo.InvariantCulture)}</td><td>{F(p.ResidualVolts)}</td></tr>");
        b.Append("</table><table>");
        Row(b, "Winding resistance", $"{m.PreviousOhms:0.000} → {m.Ohms:0.000} Ω" + (m.OhmsReferred ? " at 25 °C" : " (not referred to 25 °C)"));
        Row(b, "Winding temperature", m.ResistanceNote);
        Row(b, "Back-EMF constant", $"{m.PreviousBackEmf:0.000000} → {m.BackEmf:0.000000} V·s/rad" + (m.PreviousMeasured ? "" : " (previous: nominal, unmeasured)"));
        Row(b, "Fit", $"duty·V = R·I + kₑ·ω, largest residual {m.MaxResidualVolts:0.000} V");
        Row(b, "Rate loop Kp", $"{m.PreviousGains.Kp:0.000000} → {m.Gains.Kp:0.000000} duty per stroke/s");
        Row(b, "Rate loop Ki", $"{m.PreviousGains.Ki:0.00000} → {m.Gains.Ki:0.00000} duty per stroke/s per s");
        Row(b, "Load catch-up", $"{m.PreviousGains.LoadCatchUp:0.00000} → {m.Gains.LoadCatchUp:0.00000} duty per stroke/s");
        Row(b, "Top level in air", $"needs {m.TopLevelVoltsInAir:0.00} V at the motor (low-battery warning {m.LowBatteryVolts:0.0} V)");
    }

    private static void Row(StringBuilder b, string k, string v) => b.Append("<tr><th class=\"l\">").Append(E(k)).Append("</th><td class=\"l\">").Append(E(v)).Append("</td></tr>");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    // Rounded first and +0.0 added, so a value that rounds to zero prints 0.000, not -0.000.
    private static string F(double v) => (Math.Round(v, 3) + 0.0).ToString("0.000", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
