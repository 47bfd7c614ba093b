using MnPen.Hal;
using MnPen.Safety;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>
    /// The safety supervisor alone on fake pins with a crude motor: strokes at StrokeRate while duty is applied unless
    /// Jammed, and a current that follows. Inputs are healthy until a test changes them.
    /// </summary>
    public sealed class SupervisorRig
    {
        /// <summary>Motor PWM.</summary>
        public readonly FakePwm Pwm = new FakePwm();
        /// <summary>Driver enable.</summary>
        public readonly FakeOutput Enable = new FakeOutput();
        /// <summary>The gate.</summary>
        public readonly MotorGate Gate;
        /// <summary>The supervisor under test.</summary>
        public readonly SafetySupervisor Sup;
        /// <summary>Its inputs, filled as the control core would.</summary>
        public readonly SafetyInputs In = new SafetyInputs();
        /// <summary>The board the self-test reads.</summary>
        public readonly PenBoard Board = new PenBoard();
        /// <summary>Clock.</summary>
        public readonly FakeClock Clock = new FakeClock();
        /// <summary>Stroke rate while turning, strokes/s.</summary>
        public float StrokeRate = 100f;
        /// <summary>Cam blocked.</summary>
        public bool Jammed;
        /// <summary>Hall sensor silent.</summary>
        public bool HallDead;
        /// <summary>Current while turning, amps.</summary>
        public float RunningAmps = 0.5f;
        /// <summary>Current with the rotor blocked, amps.</summary>
        public float JamAmps = 1.8f;
        /// <summary>The rig sets the current from the motor state (false: the test sets In.MotorCurrentAmps).</summary>
        public bool AutoCurrent = true;
        /// <summary>One count of converter noise on the raw current (a live ADC).</summary>
        public bool RawJitter = true;
        private int _tick;
        private float _phase;

        /// <summary>Creates the rig with the reference limits.</summary>
        public SupervisorRig()
        {
            Gate = new MotorGate(Pwm, Enable);
            Sup = new SafetySupervisor(Gate, new SafetyLimits());
            var current = new FakeAdc();
            current.Value = 3;
            var ntc = new FakeAdc();
            ntc.Value = 2048;
            var battery = new FakeAdc();
            battery.Value = 3102; // 7.5 V through the 1/3 divider at 3.3 V full scale
            var depth = new FakeAdc();
            depth.Value = 1400;
            Board.Clock = Clock;
            Board.MotorPwm = Pwm;
            Board.MotorEnable = Enable;
            Board.MotorFaultN = new FakeInput(true);
            Board.MotorCurrent = current;
            Board.Thermistor = ntc;
            Board.BatteryVoltage = battery;
            Board.DepthFeedback = depth;
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
            In.TickIntervalMicros = Sup.Limits.TickPeriodMicros;
            In.LastTickDurationMicros = 200;
        }

        /// <summary>Self-test plus the clock cross-check window; the gate is then free.</summary>
        public SupervisorRig Booted()
        {
            var facts = new SelfTestFacts();
            facts.ResetCause = ResetCause.PowerOn;
            facts.CalibrationCrcOk = true;
            facts.SettingsCrcOk = true;
            facts.StorageOk = true;
            Sup.RunSelfTest(Board, facts);
            for (int k = 0; k <= Sup.Limits.ClockCheckTicks + 1; k++) Tick(-1f);
            return this;
        }

        /// <summary>The control period the rig ticks at, microseconds (the supervisor's limits: 10 ms on the pen).</summary>
        public int PeriodMicros
        {
            get { return Sup.Limits.TickPeriodMicros; }
        }

        /// <summary>
        /// One tick: a control period passes (the crude motor strokes in 1 ms substeps), the pulse counter is read with its
        /// read time as the firmware's tachometer reads it, the supervisor runs, then the core requests duty (negative: no
        /// request).
        /// </summary>
        public void Tick(float request)
        {
            TickAfter(PeriodMicros, request);
        }

        /// <summary>One tick that starts intervalMicros after the last (a late tick: a GC pause, a stalled loop).</summary>
        public void TickAfter(int intervalMicros, float request)
        {
            float applied = Gate.AppliedDuty;
            bool turning = applied >= 0.12f && Enable.Level && !Jammed;
            In.TickIntervalMicros = intervalMicros;
            for (int t = 0; t < intervalMicros; t += 1000)
            {
                Clock.Now += 1000;
                if (!turning) continue;
                _phase += StrokeRate * 0.001f;
                while (_phase >= 1f)
                {
                    _phase -= 1f;
                    if (!HallDead) In.StrokeCount++;
                }
            }
            In.NowMicros = Clock.Now;
            In.StrokeSampleMicros = Clock.Now;
            if (AutoCurrent) In.MotorCurrentAmps = applied <= 0f || !Enable.Level ? 0f : Jammed ? JamAmps : RunningAmps;
            _tick++;
            In.MotorCurrentRaw = (int)(In.MotorCurrentAmps / 0.0005372f) + (RawJitter ? _tick % 2 : 0);
            In.DriverEnableReadBack = Enable.ReadBack();
            In.AppliedDuty = applied;
            Sup.Tick(In);
            if (request >= 0f)
            {
                In.MotorCommanded = request > 0f;
                Gate.Request(request);
            }
        }

        /// <summary>Runs the motor at duty (commanded) for ms milliseconds of pen time, in whole ticks (rounded up).</summary>
        public void Run(float duty, int ms)
        {
            int ticks = (ms * 1000 + PeriodMicros - 1) / PeriodMicros;
            for (int k = 0; k < ticks; k++) Tick(duty);
        }

        /// <summary>
        /// Ticks at duty until the supervisor trips; returns the microseconds from now (the fault's onset, just after the
        /// last tick: the worst case, a whole period before the next tick sees it) to the tick that tripped, or -1 if none
        /// did within maxMicros.
        /// </summary>
        public int MicrosToTrip(float duty, int maxMicros)
        {
            ulong onset = Clock.Now;
            while (Clock.Now - onset < (ulong)maxMicros)
            {
                Tick(duty);
                if (Sup.Tripped) return (int)(Clock.Now - onset);
            }
            return -1;
        }

        /// <summary>Motor PWM at zero and the driver asleep or braking (awake with EN low: the DRV8876 brakes the rotor).</summary>
        public bool Safe
        {
            get { return Pwm.Duty == 0f && (!Enable.Level || Gate.Braking); }
        }
    }
}
