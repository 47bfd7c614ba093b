using System.Diagnostics;
using System.Text.Json;
using MnPen.Calibration;
using MnPen.Calibration.Certificates;

namespace MnPen.Tools.Tests.Technician;

/// <summary>A fact that runs only where headless Chromium is installed (Debian package `chromium`).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public static readonly string? Browser = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public ChromiumFactAttribute()
    {
        if (Browser == null) Skip = "headless Chromium is not installed (apt-get install chromium)";
    }
}

public class CertificateTests
{
    private static CalibrationOutcome Sample() => new()
    {
        Quantity = "depth", Unit = "mm", PenSerial = "SIM-<7>", FirmwareVersion = "0.1.0", Technician = "t-1", Date = "2026-12-06",
        NextDue = "", Instrument = "depth gauge", InstrumentId = "G-1", InstrumentUncertainty = 0.005, Tolerance = 0.05,
        Points = new[] { new SweepPoint(0, 0.08, 0.002), new SweepPoint(1, 1, 0.962), new SweepPoint(2, 2, 2.01) },
        Fit = Interpolation.Line(new[] { 0.08, 1, 2.0 }, new[] { 0.002, 0.962, 2.01 }),
        Checks = new[] { new CheckPoint(0.3, 0.3, 0.299, -0.001, 0.05, true), new CheckPoint(1.3, 1.3, 1.37, 0.07, 0.05, false) },
        Verdict = "rejected", Reason = "check at 1.30 mm read 1.370 mm", Restored = true,
    };

    [Fact]
    public void The_json_certificate_names_the_pen_instrument_points_tolerance_and_verdict()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (json, html) = CertificateWriter.Write(Sample(), dir);
            var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
            foreach (var field in new[] { "pen_serial", "firmware_version", "technician", "date", "next_due", "instrument", "instrument_id", "tolerance", "verdict", "points", "checks" })
                Assert.True(root.TryGetProperty(field, out _), field);
            Assert.Equal("rejected", root.GetProperty("verdict").GetString());
            Assert.Contains("SIM-&lt;7&gt;", File.ReadAllText(html));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void The_json_certificate_keeps_the_technicians_text_as_written()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var outcome = Sample() with { Reason = "the pen's check at 1.30 mm read 1.370 mm, outside ±0.05 mm at 22 °C" };
            var (json, _) = CertificateWriter.Write(outcome, dir);
            string text = File.ReadAllText(json);
            // Read by a person in a file or a terminal: the marks as typed, not \u00B1 / \u0027 escapes.
            Assert.Contains("the pen's check at 1.30 mm read 1.370 mm, outside ±0.05 mm at 22 °C", text);
            Assert.DoesNotContain("\\u00", text);
            Assert.Equal(outcome.Reason, JsonDocument.Parse(text).RootElement.GetProperty("reason").GetString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [ChromiumFact]
    public void The_html_certificate_renders_in_a_browser_with_every_point_plotted()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (_, html) = CertificateWriter.Write(Sample(), dir);
            string png = Path.Combine(dir, "shot.png");
            string dom = RunBrowser($"--dump-dom file://{html}");
            // Parsed by the browser: 3 sweep dots in each panel, 2 check squares in each, the verdict shown.
            Assert.Equal(6, CountOf(dom, "<circle"));
            Assert.Contains("REJECTED", dom);
            RunBrowser($"--window-size=800,1200 --screenshot={png} file://{html}");
            Assert.True(new FileInfo(png).Length > 20_000, "the screenshot is (nearly) blank");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [ChromiumFact]
    public void A_current_certificate_from_the_simulated_bench_shows_every_point_inside_its_plot_in_a_browser()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mnpen-cert-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output, error) = Cli.Run("calibrate", "current", "--target", "sim", "--reference", "sim", "--certificate-dir", dir, "--json");
            Assert.True(exit == 0, error + output);
            string html = JsonDocument.Parse(output).RootElement.GetProperty("certificate_html").GetString()!;
            string dom = RunBrowser($"--dump-dom file://{html}");
            // As the browser parsed it: the verdict, the pen, the instrument, 5 sweep points and 3 checks in each panel.
            Assert.Contains("PASS", dom);
            Assert.Contains("SIM-7", dom);
            Assert.Contains("SIM-DYNO-1/SIM-AMM-1", dom);
            Assert.Equal(2 * CurrentCalibration.FitLoadsAmps.Length, CountOf(dom, "<circle"));
            // Rectangles: two panel frames, the tolerance band, and each check once per panel.
            Assert.Equal(3 + 2 * CurrentCalibration.CheckLoadsAmps.Length, CountOf(dom, "<rect"));
            // Every marker lies inside the drawing, where a reader sees it.
            var svg = System.Text.RegularExpressions.Regex.Match(dom, "<svg[^>]*width=\"(\\d+)\" height=\"(\\d+)\"");
            double w = double.Parse(svg.Groups[1].Value), h = double.Parse(svg.Groups[2].Value);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(dom, "<circle cx=\"([-0-9.]+)\" cy=\"([-0-9.]+)\""))
            {
                double x = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), y = double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(x >= 0 && x <= w && y >= 0 && y <= h, $"a point at ({x}, {y}) is outside the {w}×{h} plot");
            }
            string png = Path.Combine(dir, "shot.png");
            RunBrowser($"--window-size=800,1400 --screenshot={png} file://{html}");
            Assert.True(new FileInfo(png).Length > 20_000, "the screenshot is (nearly) blank");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    private static int CountOf(string s, string what) => (s.Length - s.Replace(what, "").Length) / what.Length;

    private static string RunBrowser(string args)
    {
        var psi = new ProcessStartInfo(ChromiumFactAttribute.Browser!, "--headless --no-sandbox --disable-gpu --hide-scrollbars " + args)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "chromium did not finish in 60 s");
        return stdout.Result;
    }
}
