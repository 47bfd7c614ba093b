using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MnPen.Calibration;
using MnPen.Client;
using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `mnpen calibrate KIND --target sim` as a real process, signalled after it wrote its new calibration and before that
/// was verified: the previous record is back on the pen byte for byte (its fingerprint equals the one an identical
/// simulated pen, built here, reads before any calibration), the motor is at rest, the outcome says "interrupted",
/// no certificate is written, and the exit code is 130.
/// </summary>
public sealed class CalibrationSignalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [UnixTheory]
    // The technician's readings are typed at a prompt: the procedure then waits at the first check's prompt, after the
    // write and the restart, for as long as the test likes — the signal lands there every time.
    [InlineData("battery", "TERM")]
    [InlineData("battery", "INT")]
    // The check's motor runs at rate level 3 against the brake while the signal lands (about 1 s of the check left).
    [InlineData("current", "TERM")]
    public void A_signal_after_the_write_puts_the_previous_calibration_back_and_stops_the_motor(string kind, string signal)
    {
        // The calibration the simulated pen starts with, read from an identical pen built here.
        string expected;
        double volts;
        using (var twin = new SimulatedBench())
        {
            using var c = PenClient.Connect(twin.Target, Timeout);
            expected = Sha256(c.ReadCalibration());
            volts = twin.Server.Query(p => p.Board.BatteryTerminalVolts);
        }
        string dir = Path.Combine(Path.GetTempPath(), $"mnpen-calsignal-{Guid.NewGuid():N}");
        try
        {
            bool prompt = kind == "battery";
            var run = BuiltTool.Start(new[] { "calibrate", kind, "--target", "sim", "--reference", prompt ? "prompt" : "sim", "--json", "--certificate-dir", dir });
            string after;
            if (prompt)
            {
                // The five readings before the fit, as the voltmeter on the terminals reads them; none for the checks.
                for (int i = 0; i < SensingCalibration.Readings; i++)
                    run.Process.StandardInput.WriteLine(volts.ToString("0.000", CultureInfo.InvariantCulture));
                run.Process.StandardInput.Flush();
                after = "battery check 1/";
            }
            else after = "current check 2/";
            Assert.True(run.WaitForStderr(after, TimeSpan.FromSeconds(60)), "the check after the write did not start: " + run.StderrSoFar);
            Assert.Contains("writing the new", run.StderrSoFar);
            // With a prompt: past the check's averaging of the pen (1 s of its time, an eighth of that here) the
            // procedure sits at the prompt, where a signal must end the wait for a line that never comes.
            if (prompt) Thread.Sleep(TimeSpan.FromSeconds(2));
            if (signal == "TERM") run.Terminate();
            else run.Interrupt();
            var r = run.Finish(TimeSpan.FromSeconds(60));

            Assert.True(r.Exit == 130, $"exit {r.Exit}: {r.Stderr}");
            Assert.Contains("restoring the previous calibration", r.Stderr);
            var o = JsonDocument.Parse(r.Stdout).RootElement;
            Assert.True(o.GetProperty("interrupted").GetBoolean());
            Assert.Equal(signal == "TERM" ? "SIGTERM" : "SIGINT (Ctrl+C)", o.GetProperty("stopped_by").GetString());
            Assert.Equal(expected, o.GetProperty("calibration_sha256_before").GetString());
            Assert.Equal(expected, o.GetProperty("calibration_sha256_after").GetString());
            Assert.True(o.GetProperty("calibration_unchanged").GetBoolean());
            Assert.True(o.GetProperty("motor_stopped").GetBoolean());
            Assert.Contains("reads back identical to the one it had before", r.Stderr);
            Assert.False(Directory.Exists(dir) && Directory.EnumerateFiles(dir).Any(), "an interrupted calibration wrote a certificate");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    private static string Sha256(MnPen.Storage.Calibration c) => Convert.ToHexStringLower(SHA256.HashData(CalibrationWriter.Bytes(c)));
}
