using MnPen.Hal;
using MnPen.Storage;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>
    /// A whole pen board of fakes with a crude plant, stepped one 10 ms control period at a time in 1 ms substeps: the
    /// motor turns at a rate proportional to its duty (first order, 30 ms), the hall counts one pulse per stroke, the current follows the duty (or the
    /// blocked-rotor current when jammed), the depth actuator slews to its drive at 20 mm/s and its pot reports the
    /// position. Crude on purpose: these tests check the core's logic on the nanoFramework runtime; the physics is
    /// the host simulator's job. The figures match <see cref="FactoryCalibration"/>.
    /// </summary>
    public sealed class FakePenBoard
    {
        /// <summary>
        /// Strokes/s per unit duty at 7.4 V. The calibration's feed-forward table says 210 (the motor when new); the plant
        /// turns 10 % slower, a worn motor, so only the closed rate loop holds the level rate (the open loop falls short).
        /// </summary>
        public const float RatePerDuty = 189f;
        /// <summary>Current-sense gain, mA per count (the calibration's value).</summary>
        public const float MilliampsPerCount = 0.5372f;
        /// <summary>Current-sense offset, counts.</summary>
        public const int OffsetCounts = 6;
        /// <summary>Battery scale of this board, mV per count (median ESP32-S3, 1/4 divider).</summary>
        public const float BatteryMillivoltsPerCount = 3.0281f;
        /// <summary>Thermistor rail counts of this board (its divider reads 2048 at 25 °C).</summary>
        public const float ThermistorRailCounts = 4096f;

        /// <summary>The board the firmware sees.</summary>
        public readonly PenBoard Board = new PenBoard();
        /// <summary>Clock, advanced by <see cref="Step"/>.</summary>
        public readonly FakeClock Clock = new FakeClock();
        /// <summary>Motor PWM.</summary>
        public readonly FakePwm MotorPwm = new FakePwm();
        /// <summary>H-bridge enable.</summary>
        public readonly FakeOutput MotorEnable = new FakeOutput();
        /// <summary>WDI of the hardware channel's window watchdog.</summary>
        public readonly FakeOutput WatchdogKick = new FakeOutput();
        /// <summary>H-bridge nFAULT (high = no fault).</summary>
        public readonly FakeInput MotorFaultN = new FakeInput(true);
        /// <summary>Current sense.</summary>
        public readonly FakeAdc Current = new FakeAdc();
        /// <summary>Hall pulse counter.</summary>
        public readonly FakePulseCounter Strokes;
        /// <summary>Depth drive PWM.</summary>
        public readonly FakePwm DepthDrive = new FakePwm();
        /// <summary>Depth pot.</summary>
        public readonly FakeAdc DepthFeedback = new FakeAdc();
        /// <summary>Thermistor divider (2048 counts = 25 °C).</summary>
        public readonly FakeAdc Thermistor = new FakeAdc();
        /// <summary>Battery divider.</summary>
        public readonly FakeAdc Battery = new FakeAdc();
        /// <summary>Cartridge switch.</summary>
        public readonly FakeInput CartridgeSwitch = new FakeInput(true);
        /// <summary>Start button (active low).</summary>
        public readonly FakeInput StartButtonN = new FakeInput(true);
        /// <summary>Storage.</summary>
        public readonly FakeStorage Storage;
        /// <summary>Serial line.</summary>
        public readonly FakeSerialPort Serial = new FakeSerialPort();
        /// <summary>Watchdog.</summary>
        public readonly FakeWatchdog Watchdog = new FakeWatchdog();
        /// <summary>Reset cause and power latch.</summary>
        public readonly FakeSystemControl System = new FakeSystemControl();
        /// <summary>The seated cartridge's ID memory (a new 16-needle, 2.5 mm cartridge).</summary>
        public readonly FakeCartridgeChip Cartridge;

        /// <summary>Battery voltage, volts.</summary>
        public float BatteryVolts = 7.4f;
        /// <summary>Cam blocked: no rotation, blocked-rotor current.</summary>
        public bool Jammed;
        /// <summary>Hall sensor dead: rotation without pulses.</summary>
        public bool HallDead;
        /// <summary>Depth actuator seized where it is.</summary>
        public bool DepthSeized;
        /// <summary>Current forced to this many amps while driven (negative = the plant's own).</summary>
        public float ForcedAmps = -1f;
        /// <summary>Stroke rate forced while driven, strokes/s (negative = the plant's own; a runaway motor).</summary>
        public float ForcedRate = -1f;

        private float _rate;
        private float _phase;
        private float _depthMm;
        private int _tick;

        /// <summary>Creates the board over new empty storage, with a factory-calibrated pen and a new cartridge.</summary>
        public FakePenBoard() : this(new FakeStorage())
        {
            var store = new PenStore(Storage, null, null);
            store.Boot(0, 0);
            store.SaveCalibration(FactoryCalibration());
        }

        /// <summary>Creates the board over existing storage (a pen powered up again), storage left as it is.</summary>
        public FakePenBoard(FakeStorage storage)
        {
            Storage = storage;
            Strokes = new FakePulseCounter(Clock);
            Cartridge = new FakeCartridgeChip(0x00A1B2C3D4E5, CartridgeImage.CreateNew(3, 16, 50, 4711, 11000, 9600));
            Clock.Now = 1000;
            Board.Clock = Clock;
            Board.MotorPwm = MotorPwm;
            Board.MotorEnable = MotorEnable;
            Board.MotorEnableSense = new FakeGatedNet(MotorEnable, CartridgeSwitch);
            Board.SafetyWatchdogKick = WatchdogKick;
            Board.MotorFaultN = MotorFaultN;
            Board.MotorCurrent = Current;
            // The plant's current has no stroke pulse, so the loop's averaged node reads the same: the firmware's averaged
            // path (zero at rest, the observer's input lag) runs on the interpreter.
            Board.MotorCurrentMean = Current;
            Board.StrokeCounter = Strokes;
            Board.DepthDrive = DepthDrive;
            Board.DepthFeedback = DepthFeedback;
            Board.Thermistor = Thermistor;
            Board.BatteryVoltage = Battery;
            Board.CartridgePresent = CartridgeSwitch;
            Board.CartridgeBus = Cartridge;
            Board.ButtonStartN = StartButtonN;
            Board.ButtonRateUpN = new FakeInput(true);
            Board.ButtonRateDownN = new FakeInput(true);
            Board.ButtonDepthUpN = new FakeInput(true);
            Board.ButtonDepthDownN = new FakeInput(true);
            Board.LedGreen = new FakeOutput();
            Board.LedAmber = new FakeOutput();
            Board.LedRed = new FakeOutput();
            Board.Buzzer = new FakePwm();
            Board.Storage = storage;
            Board.Serial = Serial;
            Board.Watchdog = Watchdog;
            Board.System = System;
            Thermistor.Value = 2048;
            Sense();
        }

        /// <summary>Stroke rate the plant turns at now, strokes/s.</summary>
        public float Rate
        {
            get { return _rate; }
        }

        /// <summary>Depth the needle is set to now (ground truth, not the pot reading), mm.</summary>
        public float DepthMm
        {
            get { return _depthMm; }
        }

        /// <summary>True while the bridge is enabled with a duty above zero.</summary>
        public bool Driven
        {
            get { return MotorEnable.Level && MotorPwm.Running && MotorPwm.Duty > 0f; }
        }

        /// <summary>Plant substeps per control period: the plant moves in 1 ms steps between the firmware's 10 ms ticks.</summary>
        public const int SubstepMicros = 1000;

        /// <summary>
        /// Lets one control period pass (<see cref="MnPen.Firmware.PenFirmware.TickPeriodMicros"/>, 10 ms): the plant moves
        /// in 1 ms substeps from the outputs the last tick left, then the sensors are sampled for the next tick.
        /// </summary>
        public void Step()
        {
            for (int t = 0; t < MnPen.Firmware.PenFirmware.TickPeriodMicros; t += SubstepMicros) Substep();
            Sense();
        }

        private void Substep()
        {
            Clock.Now += SubstepMicros;
            _tick++;
            float duty = Driven ? MotorPwm.Duty : 0f;
            float target = Jammed ? 0f : duty * RatePerDuty * BatteryVolts / 7.4f;
            if (ForcedRate >= 0f && duty > 0f) target = ForcedRate;
            _rate += (target - _rate) * (SubstepMicros / 30000f);
            if (ForcedRate >= 0f && duty > 0f) _rate = ForcedRate;
            if (Jammed) _rate = 0f;
            _phase += _rate * SubstepMicros * 1e-6f;
            while (_phase >= 1f)
            {
                _phase -= 1f;
                if (!HallDead) Strokes.Pulse();
            }
            if (!DepthSeized && DepthDrive.Running)
            {
                // 20 mm/s slew: 0.02 mm per 1 ms substep.
                float want = (DepthDrive.Duty - 0.02f) / 0.32f;
                float d = want - _depthMm;
                if (d > 0.02f) d = 0.02f;
                if (d < -0.02f) d = -0.02f;
                _depthMm += d;
            }
        }

        private void Sense()
        {
            float duty = Driven ? MotorPwm.Duty : 0f;
            float amps = 0f;
            if (duty > 0f)
            {
                if (ForcedAmps >= 0f) amps = ForcedAmps;
                else if (Jammed) amps = duty * BatteryVolts / 3.3f > 2f ? 2f : duty * BatteryVolts / 3.3f;
                else amps = 0.15f + 0.4f * duty;
            }
            // One count of converter noise, as a live ADC shows (a frozen reading is a sensor fault).
            Current.Value = OffsetCounts + (int)(amps * 1000f / MilliampsPerCount) + ((_tick / 10) & 1);
            DepthFeedback.Value = 200 + (int)(_depthMm * 1233.3f);
            Battery.Value = (int)(BatteryVolts / BatteryMillivoltsPerCount * 1000f);
        }

        /// <summary>Ticks the firmware once: one control period of plant, then Tick(), then Background() as the device loop does.</summary>
        public void Tick(MnPen.Firmware.PenFirmware firmware)
        {
            Step();
            firmware.Tick();
            firmware.Background();
        }

        /// <summary>Runs the firmware for ms milliseconds of pen time: a tick every control period (rounded up to whole ticks).</summary>
        public void Run(MnPen.Firmware.PenFirmware firmware, int ms)
        {
            int ticks = Ticks(ms);
            for (int i = 0; i < ticks; i++) Tick(firmware);
        }

        /// <summary>
        /// Ticks a freshly booted pen through its self-test: the clock cross-check's ticks, then a few more for the jobs
        /// Background() does one per tick once storage is free (cartridge identity read, usage mark).
        /// </summary>
        public void RunThroughSelfTest(MnPen.Firmware.PenFirmware firmware)
        {
            int ticks = firmware.Safety.Limits.ClockCheckTicks + 5;
            for (int i = 0; i < ticks; i++) Tick(firmware);
        }

        /// <summary>Ticks until the firmware is in state, for at most maxMs of pen time; returns the ticks run.</summary>
        public int RunUntil(MnPen.Firmware.PenFirmware firmware, MnPen.Firmware.PenState state, int maxMs)
        {
            int max = Ticks(maxMs);
            int n = 0;
            while (n < max && firmware.State != state)
            {
                Tick(firmware);
                n++;
            }
            return n;
        }

        /// <summary>Control ticks in ms milliseconds, rounded up.</summary>
        public static int Ticks(int ms)
        {
            int period = MnPen.Firmware.PenFirmware.TickPeriodMicros;
            return (ms * 1000 + period - 1) / period;
        }

        /// <summary>A valid calibration of this board (the plant's lines, sampled as a factory station would).</summary>
        public static Calibration FactoryCalibration()
        {
            var c = new Calibration();
            c.FeedForwardRates = new float[] { 40f, 70f, 100f, 130f, 160f };
            c.FeedForwardDuties = new float[] { 0.19f, 0.333f, 0.476f, 0.619f, 0.762f };
            c.FeedForwardSupplyVolts = 7.4f;
            c.RateKp = 0.004f;
            c.RateKi = 0.02f;
            c.DepthMm = new float[] { 0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f, 3.0f };
            c.DepthDrive = new float[] { 0.02f, 0.18f, 0.34f, 0.50f, 0.66f, 0.82f, 0.98f };
            c.DepthFeedbackCounts = new int[] { 200, 816, 1433, 2049, 2666, 3283, 3899 };
            c.CurrentOffsetCounts = OffsetCounts;
            c.CurrentMilliampsPerCount = MilliampsPerCount;
            c.ThermistorRailCounts = ThermistorRailCounts;
            c.BatteryMillivoltsPerCount = BatteryMillivoltsPerCount;
            c.SensingCalibrated = true;
            c.SerialNumber = "MNP-DEV-0001";
            c.CalibratedOnDay = 9700;
            c.NextDueDay = 10065;
            c.TechnicianId = "device-tests";
            return c;
        }
    }
}
