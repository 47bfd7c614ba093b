using MnPen.Calibration.Instruments;
using MnPen.Client;
using MnPen.Protocol;

namespace MnPen.Calibration;

/// <summary>
/// The pen's averaged readings over one held operating point; Driven is false if any read found the motor undriven;
/// HandpieceCelsius is the pen's own handpiece reading (its status), the temperature the motor's resistance is referred from.
/// </summary>
public sealed record OperatingPoint(double Reading, double Duty, double Volts, double Amps, double Rate, double HandpieceCelsius, bool Driven = true);

/// <summary>
/// The pen's motor run on the calibration bench over the protocol (service mode): held at a rate level, against the
/// bench brake when there is one, or stopped; averaged readings of duty, supply, current and rate over a stretch of pen
/// time while the reference instrument reads; and the pen left at rest (brake released, motor stopped) whatever happens.
/// </summary>
public sealed class MotorRun
{
    /// <summary>Pen time between the brake ramp's ten steps, ms (the rate loop answers a step within a few of its 10 ms ticks).</summary>
    public const int RampStepMs = 100;

    private readonly PenSession _pen;
    private readonly ILoadInstrument? _brake;
    private readonly CancellationToken _cancel;
    private double _load;

    /// <summary>A run on a connected, unlocked pen; brake null when the bench has none the procedure can set.</summary>
    public MotorRun(PenSession pen, ILoadInstrument? brake, CancellationToken cancel)
    {
        _pen = pen;
        _brake = brake;
        _cancel = cancel;
    }

    /// <summary>
    /// One operating point: holds the motor at rate level levelIndex (0-based) against the brake set for about brakeAmps,
    /// or stopped with the brake released when levelIndex &lt; 0, lets it settle for settleMs of pen time, then reads the
    /// reference (readReference, on another thread) while the pen's readings are averaged (Average). A point whose motor
    /// the pen stopped without a fault, before the averaging or during it, is not an operating point: it is held and
    /// read again (KeepAliveRetry; progress says so). Throws InvalidOperationException when the pen faults, or stops its
    /// motor at every attempt.
    /// </summary>
    public (OperatingPoint Pen, double Reference) HoldAndAverage(int levelIndex, double brakeAmps, int settleMs, Func<double> readReference,
        int minMs, Func<PenStatusData, double> reading, int minSamples, Action<string> progress)
    {
        for (int attempt = 0; ; attempt++)
        {
            bool ran = Hold(levelIndex, brakeAmps, settleMs);
            if (ran)
            {
                var reference = Task.Run(readReference);
                var p = Average(reference, minMs, reading, minSamples);
                double r = reference.GetAwaiter().GetResult();
                if (levelIndex < 0 || p.Driven) return (p, r);
            }
            var now = _pen.Client.GetStatus();
            ThrowIfFaulted(now);
            if (!ran && attempt == KeepAliveRetry.Restarts)
                throw new InvalidOperationException("the pen did not run its motor (is the cartridge fitted and the pen idle?)");
            KeepAliveRetry.AfterStop(now, attempt, ran ? "while its readings were averaged" : "before the point settled", "the point", progress);
            _brake?.SetLoad(0);
            _load = 0;
            StopAndWait(_pen.Client, true);
        }
    }

    // Holds the point and lets it settle; false when the motor is not running after settling (a stop without a fault).
    private bool Hold(int levelIndex, double brakeAmps, int settleMs)
    {
        var c = _pen.Client;
        ThrowIfFaulted(c.GetStatus());
        if (levelIndex < 0)
        {
            _brake?.SetLoad(0);
            _load = 0;
            StopAndWait(c, true);
        }
        else
        {
            c.SetSetting(SettingId.RateLevel, levelIndex);
            if (c.GetStatus().DutyBasisPoints == 0)
            {
                c.Start();
                PenTime.Wait(c, settleMs, _cancel);
            }
            Ramp(c, brakeAmps);
        }
        PenTime.Wait(c, settleMs, _cancel);
        var s = c.GetStatus();
        ThrowIfFaulted(s);
        return levelIndex < 0 || s.DutyBasisPoints != 0;
    }

    private static void ThrowIfFaulted(PenStatusData s) => KeepAliveRetry.ThrowIfFaulted(s, "while its motor was held");

    // The pen's reading (and duty, supply, current, rate beside it) averaged over at least minMs of its time and until
    // the reference has read, so both describe the same stretch.
    private OperatingPoint Average(Task reference, int minMs, Func<PenStatusData, double> reading, int minSamples)
    {
        var c = _pen.Client;
        var first = c.GetStatus();
        double sum = 0, duty = 0, volts = 0, amps = 0, rate = 0, celsius = 0;
        int n = 0;
        bool driven = true;
        var s = first;
        while (true)
        {
            sum += reading(s);
            duty += s.DutyBasisPoints / 10000.0;
            volts += s.BatteryMv / 1000.0;
            amps += s.MotorCurrentMa / 1000.0;
            rate += s.MeasuredRateCenti / 100.0;
            celsius += s.HandpieceCentiC / 100.0;
            driven &= s.DutyBasisPoints != 0;
            n++;
            _cancel.ThrowIfCancellationRequested();
            Thread.Sleep(5);
            s = c.GetStatus();
            if (s.UptimeMs - first.UptimeMs >= minMs && n >= minSamples && reference.IsCompleted)
                return new OperatingPoint(sum / n, duty / n, volts / n, amps / n, rate / n, celsius / n, driven);
        }
    }

    /// <summary>
    /// Leaves the pen as found: brake released, motor stopped (a write is refused while it runs); never throws for a lost
    /// link, and finishes when the procedure was interrupted (it is what an interruption runs before the restore).
    /// </summary>
    public void StopQuietly()
    {
        try
        {
            _brake?.SetLoad(0);
            _load = 0;
            StopAndWait(_pen.Client, false);
        }
        catch (Exception ex) when (ex is PenUnavailableException or PenCommandException or IOException) { }
    }

    // The brake is turned up (or down) gradually, as by hand: a step of the full load onto the motor at a low rate slows
    // the cam for longer than a stroke period before the rate loop answers, which the pen rightly takes for a jam.
    private void Ramp(PenClient c, double amps)
    {
        if (_brake == null || amps == _load) return;
        const int steps = 10;
        double from = _load;
        for (int k = 1; k <= steps; k++)
        {
            _brake.SetLoad(from + (amps - from) * k / steps);
            PenTime.Wait(c, RampStepMs, _cancel);
        }
        _load = amps;
    }

    /// <summary>
    /// Longest wall-clock wait for the motor to stand after a stop: over 13 times the at most 0.37 s a stop takes to
    /// read as standing (MotorRest). The longest of the tools' stops because giving up early costs most here: what
    /// follows is a stopped point's reading, which a coasting cam would falsify, or the restore of the previous
    /// calibration, which the pen refuses while its motor runs.
    /// </summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    // Stops the motor and waits for the cam to come to rest; observeCancel false when leaving after an interruption,
    // which must not be cut short by the same interruption (the previous calibration is written next). A pen that was
    // just told to start is Starting (needle to depth) with zero duty: it is stopped too, or it runs on after this
    // returns and the restore is refused while the motor runs.
    private void StopAndWait(PenClient c, bool observeCancel) =>
        MotorRest.StopAndWait(c, StopDeadline, observeCancel ? _cancel : CancellationToken.None);
}
