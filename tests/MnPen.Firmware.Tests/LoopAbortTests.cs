using MnPen.Hal;
using MnPen.Safety;

namespace MnPen.Firmware.Tests;

/// <summary>
/// The abort path of the control loop (DeviceLoop on the pen): an unexpected exception makes the motor safe through the
/// gate's order, requests a reboot that records a loop abort, and the next boot shows it as a fault.
/// </summary>
public class LoopAbortTests
{
    private sealed class Output(List<string> log, bool throws) : IDigitalOutput
    {
        public void Write(bool high)
        {
            log.Add("nSLEEP " + (high ? "high" : "low"));
            if (throws) throw new InvalidOperationException("pin driver failed");
        }

        public bool ReadBack() => false;
    }

    private sealed class Pwm(List<string> log) : IPwmChannel
    {
        public int FrequencyHz { get; set; } = 20_000;
        public float Duty { get => 0f; set => log.Add("PWM duty " + value); }
        public bool Running { get; private set; } = true;
        public void Start() => Running = true;
        public void Stop() { Running = false; log.Add("PWM stop"); }
    }

    private sealed class SystemControl(List<string> log) : ISystemControl
    {
        public ResetCause LastResetCause => ResetCause.PowerOn;
        public void Reboot() => log.Add("reboot");
        public void RebootAfterAbort() => log.Add("reboot after abort");
        public void HoldPower(bool on) { }
    }

    private static (PenBoard Board, List<string> Log) Recording(bool enableThrows = false)
    {
        var log = new List<string>();
        var board = new PenBoard { MotorEnable = new Output(log, enableThrows), MotorPwm = new Pwm(log), System = new SystemControl(log) };
        return (board, log);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void Abort_puts_the_driver_to_sleep_first_then_stops_the_PWM_then_requests_the_abort_reboot()
    {
        var (board, log) = Recording();
        LoopAbort.MakeSafeAndReboot(board, new InvalidOperationException("boom"));
        Assert.Equal(new[] { "nSLEEP low", "PWM duty 0", "PWM stop", "reboot after abort" }, log);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void Abort_still_stops_the_PWM_and_reboots_when_the_enable_pin_throws()
    {
        var (board, log) = Recording(enableThrows: true);
        LoopAbort.MakeSafeAndReboot(board, new OutOfMemoryException());
        Assert.Equal(new[] { "nSLEEP low", "PWM duty 0", "PWM stop", "reboot after abort" }, log);
    }

    [Fact]
    [Trait("Requirement", "SAF-TIM-01")]
    public void An_abort_while_running_stops_the_needle_and_the_next_boot_latches_a_fault_until_a_power_cycle()
    {
        var pen = PenHarness.Running();
        pen.RunFor(0.5);
        Assert.True(pen.Board.StrokeRate > 20, "running before the abort");

        LoopAbort.MakeSafeAndReboot(pen.Board.Pen, new InvalidOperationException("unexpected"));
        pen.RunFor(1.0);

        // Ground truth: the cam stands, and the restart knows why it happened.
        long strokes = pen.Board.Strokes;
        Assert.Equal(1, pen.Board.System.AbortReboots);
        Assert.Equal(ResetCause.LoopAbort, pen.LastResetCause);
        Assert.Equal(FaultCode.WatchdogReset, pen.Firmware.Safety.ActiveFault);
        Assert.Equal(PenState.Lockout, pen.Firmware.State);
        Assert.NotEqual(CommandResult.Accepted, pen.Firmware.RequestStart());
        Assert.NotEqual(CommandResult.Accepted, pen.Firmware.AcknowledgeFault());
        pen.RunFor(1.0);
        Assert.Equal(strokes, pen.Board.Strokes);
    }
}
