using MnPen.Firmware;
using MnPen.Hal;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Pacing;
using MnPen.Hal.Simulator.Platform;
using MnPen.Storage;
using MnPen.VirtualPen.Factory;
using MnPen.VirtualPen.Scenarios;

namespace MnPen.VirtualPen;

/// <summary>
/// The firmware running on the simulated board, software-in-the-loop: the simulator owns the clock and each Step()
/// advances the physics by one control period and then runs one firmware tick (stopped-clock stepping, so a run is
/// deterministic for a seed and never sleeps, unless real-time pacing is asked for).
/// </summary>
public sealed partial class VirtualPen : IScenarioPen
{
    private readonly int _backgroundEvery;
    private int _backgroundCountdown;
    private long _cartridgeSerial = 1;
    private RealTimePacer? _pacer;
    private ulong _due;
    private bool _haveDue;
    private double _realTimeFactor;

    private VirtualPen(VirtualPenOptions options, VirtualBoard board, Calibration? calibration)
    {
        Options = options;
        Board = board;
        FactoryCalibration = calibration;
        Firmware = NewFirmware();
        _backgroundEvery = Math.Max(1, options.BackgroundEveryTicks);
        _backgroundCountdown = _backgroundEvery;
        RealTimeFactor = options.RealTimeFactor;
    }

    /// <summary>
    /// Builds the board, writes the factory calibration into its storage (measured on a twin board, see
    /// FactoryCalibrator), seats the requested cartridge and creates the firmware. Call Boot() next.
    /// </summary>
    public static VirtualPen Create(VirtualPenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var board = new VirtualBoard(options.ToSimOptions());
        Calibration? calibration = null;
        if (options.FactoryCalibration)
        {
            calibration = options.Calibration ?? FactoryCalibrator.Measure(options);
            var store = new PenStore(board.Pen);
            var written = store.SaveCalibration(calibration);
            if (written != StoreWriteResult.Ok)
                throw new InvalidOperationException("factory calibration was not stored: " + store.LastError);
            store.Events.Flush();
            board.ForgetBlockedTime();   // written at the factory, before this pen's first power-on
        }
        var pen = new VirtualPen(options, board, calibration);
        if (options.Cartridge != null) pen.InsertCartridge(options.Cartridge);
        return pen;
    }

    /// <summary>How the pen was built.</summary>
    public VirtualPenOptions Options { get; }

    /// <summary>The simulated board (ground truth, user actions, fault injection).</summary>
    public VirtualBoard Board { get; }

    /// <summary>The firmware instance now running (a new one after each processor reset).</summary>
    public PenFirmware Firmware { get; private set; }

    /// <summary>The calibration written at the factory, or null for an uncalibrated pen.</summary>
    public Calibration? FactoryCalibration { get; }

    /// <summary>Simulated time since power-on, microseconds.</summary>
    public ulong NowMicros => Board.NowMicros;

    /// <summary>Simulated time since power-on, seconds.</summary>
    public double NowSeconds => Board.NowMicros * 1e-6;

    /// <summary>Firmware ticks run (all firmware instances).</summary>
    public long Ticks { get; private set; }

    /// <summary>Times the processor restarted (watchdog, brown-out, power cut) and a fresh firmware was booted.</summary>
    public int FirmwareRestarts { get; private set; }

    /// <summary>Why the last restart happened (PowerOn before any).</summary>
    public ResetCause LastResetCause { get; private set; } = ResetCause.PowerOn;

    /// <summary>Battery capacity, milliamp-hours.</summary>
    public double BatteryCapacityMilliampHours => Board.Parameters.Battery.CapacityAmpHours * 1000.0;

    /// <summary>Runs after every step (e.g. to pump a serial transport); keep it allocation-free.</summary>
    public Action? AfterStep { get; set; }

    /// <summary>Pacing to the wall clock: 0 = as fast as possible, 1 = real time. May be changed while running.</summary>
    public double RealTimeFactor
    {
        get => _realTimeFactor;
        set
        {
            if (value < 0 || double.IsNaN(value) || double.IsInfinity(value))
                throw new ArgumentOutOfRangeException(nameof(value), "real-time factor must be 0 (unpaced) or positive");
            _realTimeFactor = value;
            _pacer = value > 0 ? new RealTimePacer(value) : null;
        }
    }

    /// <summary>Boots the firmware (self-test, calibration and settings load).</summary>
    public void Boot() => Firmware.Boot();

    /// <summary>
    /// One control period. On the ideal platform physics advances the tick period (plus any delay the
    /// control-loop-overrun fault adds) and the firmware ticks at once. On a modelled platform (esp32-nf) the loop wakes
    /// when the platform model says (RTOS tick granularity, jitter, never before the processor is free), the tick's
    /// outputs reach the pins only after its execution time (interpreter cost, GC pauses), and Background() work holds
    /// the processor for what it blocks. A processor reset boots a fresh firmware instance, as the device would.
    /// Background() runs after every BackgroundEveryTicks ticks.
    /// </summary>
    public void Step()
    {
        LoopPlatform platform = Board.Platform;
        if (platform.Kind == PlatformKind.Ideal) StepIdeal();
        else StepModelled(platform);
        AfterStep?.Invoke();
        _pacer?.Pace(Board.NowMicros);
    }

    /// <summary>Control period of the running firmware, microseconds.</summary>
    public int TickPeriodMicros => Firmware.Scheduler.PeriodMicros;

    private void StepIdeal()
    {
        // The loop's period is counted by the processor's clock (it may drift: mcu-clock-drift).
        Board.Advance(Board.Clock.BoardMicrosFor(TickPeriodMicros) + TakeTickDelayMicros());
        TakeReset();
        if (!Board.ProcessorRunning) return;
        Board.Platform.NextWake(Board.NowMicros, Board.NowMicros, Board.Clock.BootMicros);   // the loop figures: exact wake-ups
        Firmware.Tick();
        Ticks++;
        RunBackground();
    }

    private void StepModelled(LoopPlatform platform)
    {
        int period = Board.Clock.BoardMicrosFor(TickPeriodMicros);
        ulong busy = Board.NowMicros + (ulong)Board.BlockedMicros + (ulong)TakeTickDelayMicros();
        if (!_haveDue)
        {
            _due = busy + (ulong)period;
            _haveDue = true;
        }
        if (!Board.ProcessorRunning)
        {
            // Powered off or in reset: time passes a period at a time until the processor starts again.
            Board.Advance((int)(busy - Board.NowMicros) + period);
            _due = Board.NowMicros + (ulong)period;
            TakeReset();
            return;
        }
        ulong wake = platform.NextWake(_due, busy, Board.Clock.BootMicros, Board.Clock.BoardMicrosFor(platform.Parameters.RtosTickMicros));
        Board.Advance((int)(wake - Board.NowMicros - (ulong)Board.BlockedMicros));
        if (TakeReset())
        {
            // The fresh firmware's loop starts at its first wake-up.
            _due = Board.NowMicros + (ulong)period;
            _haveDue = true;
        }
        if (!Board.ProcessorRunning) return;
        Board.HoldOutputs();
        Firmware.Tick();
        Ticks++;
        int cost = platform.TickCost(Firmware.State == PenState.Running);
        Board.Advance(cost);
        Board.ReleaseOutputs();
        if (TakeReset() || !Board.ProcessorRunning) return;
        RunBackground();
        _due += (ulong)period;
        if (wake >= _due) _due += ((wake - _due) / (ulong)period + 1) * (ulong)period;
    }

    private bool TakeReset()
    {
        if (!Board.TryTakeProcessorReset(out ResetCause cause)) return false;
        LastResetCause = cause;
        FirmwareRestarts++;
        Firmware = NewFirmware();
        Firmware.Boot();
        Board.Platform.ProcessorRestarted();
        _haveDue = false;
        return true;
    }

    private PenFirmware NewFirmware() => Options.FirmwareFactory != null ? Options.FirmwareFactory(Board.Pen) : new PenFirmware(Board.Pen);

    private void RunBackground()
    {
        if (--_backgroundCountdown != 0) return;
        _backgroundCountdown = _backgroundEvery;
        Firmware.Background();
    }

    /// <summary>Steps for the given simulated time, seconds.</summary>
    public void RunFor(double seconds)
    {
        if (seconds < 0 || double.IsNaN(seconds)) throw new ArgumentOutOfRangeException(nameof(seconds), "seconds must be >= 0");
        ulong end = Board.NowMicros + (ulong)Math.Round(seconds * 1e6);
        while (Board.NowMicros < end) Step();
    }

    /// <summary>Steps until the condition holds (checked before each step) or the timeout passes; true if it held.</summary>
    public bool RunUntil(Func<bool> condition, double timeoutSeconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ulong end = Board.NowMicros + (ulong)Math.Round(Math.Max(0, timeoutSeconds) * 1e6);
        while (true)
        {
            if (condition()) return true;
            if (Board.NowMicros >= end) return false;
            Step();
        }
    }
}
