using MnPen.Hal;

namespace MnPen.Safety.Tests;

/// <summary>
/// Supervisor on fake pins with a crude motor: strokes at StrokeRate while duty is applied unless Jammed,
/// and a current that follows. Inputs are healthy until a test changes them.
/// </summary>
public sealed class Rig
{
    public readonly FakePwm Pwm = new();
    public readonly FakeOutput Enable = new();
    public readonly MotorGate Gate;
    public readonly SafetySupervisor Sup;
    public readonly SafetyInputs In = new();
    public readonly PenBoard Board;
    public readonly FakeClock Clock = new();
    public float StrokeRate = 100f;
    public bool Jammed;
    public bool HallDead;
    public float RunningAmps = 0.5f;
    public float JamAmps = 1.8f;
    public bool AutoCurrent = true;
    /// <summary>Converter noise of a live ADC (one count, deterministic).</summary>
    public bool RawJitter = true;
    private int _tick;
    private double _phase;

    /// <summary>The rig ticks every millisecond: finer than the pen's 10 ms, so persistence boundaries can be tested to the ms.</summary>
    public Rig(SafetyLimits? limits = null)
    {
        Gate = new MotorGate(Pwm, Enable);
        if (limits == null)
        {
            // The crude motor strokes at StrokeRate whatever its duty and current, which the back-EMF cross-check rightly
            // calls implausible: it is off here and tested on its own (StrokePlausibilityTests).
            limits = new SafetyLimits { StrokeMismatchStrokes = 1e9f, StrokeRatioMin = 0f, StrokeRatioMax = 1e9f };
        }
        if (limits.TickPeriodMicros == new SafetyLimits().TickPeriodMicros) limits.TickPeriodMicros = 1000;
        Sup = new SafetySupervisor(Gate, limits);
        Board = new PenBoard
        {
            Clock = Clock,
            MotorPwm = Pwm,
            MotorEnable = Enable,
            MotorFaultN = new FakeInput(),
            MotorCurrent = new FakeAdc(3),
            Thermistor = new FakeAdc(2048),
            BatteryVoltage = new FakeAdc(2477), // 7.5 V through the 1/4 divider on the median chip (3.028 mV/count)
            DepthFeedback = new FakeAdc(1000),
        };
        Clock.Now = 1000;
        In.NowMicros = Clock.Now;
        In.CalibrationValid = true;
        In.SettingsValid = true;
        In.CartridgePresent = true;
        In.BatteryVolts = 7.5f;
        In.ThermistorRaw = 2048;
        In.HandpieceCelsius = 30f;
        In.DepthCommandMm = 1.0f;
        In.DepthMeasuredMm = 1.0f;
        In.DepthFeedbackRaw = 1400;
        In.DepthLimitMm = 2.5f;
        In.TickIntervalMicros = 1000;
        In.LastTickDurationMicros = 200;
    }

    public SelfTestFacts GoodFacts() => new() { ResetCause = ResetCause.PowerOn, CalibrationCrcOk = true, SettingsCrcOk = true, StorageOk = true, BatteryMillivoltsPerCount = 3.0281f };

    /// <summary>Self-test plus the clock cross-check window; the gate is then free.</summary>
    public Rig Booted()
    {
        Sup.RunSelfTest(Board, GoodFacts());
        for (int k = 0; k <= Sup.Limits.ClockCheckTicks + 1; k++) Tick();
        return this;
    }

    /// <summary>One tick: advance 1 ms, update the crude motor, run the supervisor, then the control core's request.</summary>
    public void Tick(float? request = null)
    {
        Clock.Now += 1000;
        In.NowMicros = Clock.Now;
        float applied = Gate.AppliedDuty;
        bool turning = applied >= 0.12f && Enable.Level && !Jammed;
        if (turning)
        {
            _phase += StrokeRate * 0.001;
            while (_phase >= 1.0)
            {
                _phase -= 1.0;
                if (!HallDead)
                {
                    In.StrokeCount++;
                    In.StrokeSampleMicros = Clock.Now;
                }
            }
        }
        if (AutoCurrent)
            In.MotorCurrentAmps = applied <= 0f || !Enable.Level ? 0f : Jammed ? JamAmps : RunningAmps;
        _tick++;
        In.MotorCurrentRaw = (int)(In.MotorCurrentAmps / 0.0005372f) + (RawJitter ? _tick % 2 : 0);
        In.DriverEnableReadBack = Enable.ReadBack();
        In.AppliedDuty = applied;
        Sup.Tick(In);
        if (request.HasValue)
        {
            In.MotorCommanded = request.Value > 0f;
            Gate.Request(request.Value);
        }
    }

    /// <summary>Runs the motor at duty for the given ms (commanded).</summary>
    public void Run(float duty, int ms)
    {
        for (int k = 0; k < ms; k++) Tick(duty);
    }

    /// <summary>No drive: duty 0 and the driver either asleep or braking (awake with EN low, which stops the rotor).</summary>
    public bool Safe => Pwm.Duty == 0f && (!Enable.Level || Gate.Braking);

    /// <summary>Duty 0 and the driver asleep: the end of a brake-then-sleep stop.</summary>
    public bool Asleep => Pwm.Duty == 0f && !Enable.Level;
}
