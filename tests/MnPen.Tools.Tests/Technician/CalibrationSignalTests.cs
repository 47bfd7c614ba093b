using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MnPen.Calibration;
using MnPen.Client;
using MnPen.Tools.Tests.CommandLine;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// `mnpen calibrate KIND --target sim` as a real process, signalled after it wrote its new calibration and before that
/// was verified (the rate check, which writes nothing, in mid-check): the previous record is back on the pen byte for byte (its fingerprint equals the one an identical
/// simulated pen, built here, reads before any calibration), the motor is at rest, the outcome says "interrupted",
/// no certificate is written, and the exit code is 130.
/// </summary>
public sealed class CalibrationSignalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [UnixTheory]
    // The technician's readings are typed at a prompt: the procedure then waits at the first check's prompt, after the
    // write and the restart, for as long as the test likes — the signal lands there every time.
    [InlineData("battery", "TERM", "battery check 1/")]
    [InlineData("battery", "INT", "battery check 1/")]
    [InlineData("thermistor", "TERM", "thermistor check 1/")]
    // With the simulated instruments the signal lands in a check a few seconds before the procedure's end: the current
    // check's motor runs at rate level 3 against the brake, the motor check's at level 2, the depth check holds 0.8 mm.
    [InlineData("current", "TERM", "current check 2/")]
    [InlineData("motor", "TERM", "motor test pulse 2/6")]
    [InlineData("depth", "TERM", "check 2: holding")]
    // Nothing is written by the rate check: the signal stops its motor and the pen keeps its record.
    [InlineData("rate", "TERM", "rate 2/6")]
    public void A_signal_after_the_write_puts_the_previous_calibration_back_and_stops_the_motor(string kind, string signal, string afterTheWrite)
    {
        // The calibration the simulated pen starts with, read from an identical pen built here (the motor's pen has a
        // replaced motor and calibrated sensing, as `calibrate motor --target sim` builds it).
        string expected;
        double volts, celsius;
        using (var twin = kind == "motor" ? new SimulatedBench(scale: 0, motorDrift: true) : new SimulatedBench())
        {
            using var c = PenClient.Connect(twin.Target, Timeout);
            expected = Sha256(c.ReadCalibration());
            volts = twin.Server.Query(p => p.Board.BatteryTerminalVolts);
            celsius = twin.Server.Query(p => p.Board.HandpieceCelsius);
        }
        string dir = Path.Combine(Path.GetTempPath(), $"mnpen-calsignal-{Guid.NewGuid():N}");
        try
        {
            bool prompt = kind is "battery" or "thermistor";
            var run = BuiltTool.Start(new[] { "calibrate", kind, "--target", "sim", "--reference", prompt ? "prompt" : "sim", "--json", "--certificate-dir", dir });
            if (prompt)
            {
                // The five readings before the fit, as the instrument on the pen reads them; none for the checks.
                for (int i = 0; i < SensingCalibration.Readings; i++)
                    run.Process.StandardInput.WriteLine((kind == "battery" ? volts : celsius).ToString("0.000", CultureInfo.InvariantCulture));
                run.Process.StandardInput.Flush();
            }
            Assert.True(run.WaitForStderr(afterTheWrite, TimeSpan.FromSeconds(120)), "the step after the write did not start: " + run.StderrSoFar);
            if (kind != "rate") Assert.Contains("writing the new", run.StderrSoFar);
            // With a prompt: past the check's averaging of the pen (1 s of its time, an eighth of that here) the
            // procedure sits at the prompt, where a signal must end the wait for a line that never comes.
            if (prompt) Thread.Sleep(TimeSpan.FromSeconds(2));
            run.Signal(signal);
            var r = run.Finish(TimeSpan.FromSeconds(60));

            Assert.True(r.Exit == 130, $"exit {r.Exit}: {r.Stderr}");
            if (kind != "rate") Assert.Contains("restoring the previous calibration", r.Stderr);
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
