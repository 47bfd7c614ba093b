using MnPen.Hal.Simulator.Cartridge;
using MnPen.Hal.Simulator.Devices;
using MnPen.Hal.Simulator.Faults;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;
using MnPen.Hal.Simulator.Platform;
using MnPen.Hal.Simulator.Serial;
using MnPen.Hal.Simulator.Storage;

namespace MnPen.Hal.Simulator;

/// <summary>
/// The simulated pen board: HAL devices over physical models, stepped in simulated time by <see cref="Advance"/>
/// (the simulator owns the clock; nothing here sleeps or reads the wall clock). Deterministic for a given seed and
/// call sequence. Not thread-safe: one stepping loop drives it (the serial port alone may be fed from another thread).
/// </summary>
public sealed partial class VirtualBoard
{
    private readonly SimParameters _p;
    private readonly int _substepMicros;
    private readonly double _substepSeconds;
    private readonly Powertrain _powertrain;
    private readonly DepthActuator _actuator;
    private ulong _now;
    private int _slowMicros;
    private bool _processorRunning = true;
    private bool _brownedOut;
    private bool _powerCutActive;
    private ulong _powerRestoreAt;
    private bool _resetPending;
    private ResetCause _pendingCause;
    private SkinProfile _skin;
    private SimCartridge? _cartridge;

    /// <summary>Builds a board at rest: motor stopped, actuator on its lower stop, no cartridge, pen powered.</summary>
    public VirtualBoard(SimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatteryStateOfCharge is < 0 or > 1 || double.IsNaN(options.BatteryStateOfCharge))
            throw new ArgumentOutOfRangeException(nameof(options), "BatteryStateOfCharge must be 0..1");
        if (options.AmbientCelsius is < -40 or > 85 || double.IsNaN(options.AmbientCelsius))
            throw new ArgumentOutOfRangeException(nameof(options), "AmbientCelsius must be -40..85 °C");
        _p = (options.Parameters ?? SimParameters.Default()).Clone();
        if (_p.SubstepMicros < 1 || _p.SubstepMicros > 1000)
            throw new ArgumentOutOfRangeException(nameof(options), "Parameters.SubstepMicros must be 1..1000");
        Options = options;
        Seed = options.Seed;
        _substepMicros = _p.SubstepMicros;
        _substepSeconds = _substepMicros * 1e-6;
        _skin = options.Skin;

        Clock = new SimClock(this);
        MotorPwm = new SimPwmChannel(20_000);
        DepthDrive = new SimPwmChannel(20_000);
        MotorEnable = new SimDigitalOutput();
        MotorFaultN = new SimDigitalInput(true);
        CartridgePresent = new SimDigitalInput(false);
        StrokeCounter = new SimPulseCounter(Clock);
        Watchdog = new SimWatchdog(this);
        System = new SimSystemControl(this);
        Leds = new Leds();
        Buttons = new Buttons(options.ButtonBounceMicros, new SimRandom(Seed, 6));

        Battery = new Battery(_p.Battery, options.BatteryStateOfCharge);
        Bridge = new HBridge(_p.Bridge);
        Motor = new DcMotor(_p.Motor, _substepSeconds, _p.Cam.MechanismInertiaKgM2);
        Cam = new CamAndNeedles(_p.Cam, _p.Skin, new SimRandom(Seed, 21));
        Thermal = new Thermal(_p.Thermal, options.AmbientCelsius);
        AdcTransfer = new Esp32S3AdcTransfer(_p.Adc);
        CurrentSense = new CurrentSense(_p.CurrentSense, new SimRandom(Seed, 1), AdcTransfer, _substepSeconds);
        Ntc = new Ntc(_p.Ntc, new SimRandom(Seed, 2), AdcTransfer, options.AmbientCelsius);
        _actuator = new DepthActuator(_p.DepthActuator, _substepSeconds, new SimRandom(Seed, 3), _p.AdcMaxCount);
        var divider = new BatteryDivider(Battery, _p.Battery, new SimRandom(Seed, 4), AdcTransfer);
        BatteryDivider = divider;
        _powertrain = new Powertrain(_p, Bridge, Motor, Cam, Battery, CurrentSense, MotorPwm, MotorEnable, StrokeCounter);
        SafetyWatchdogKick = new SimDigitalOutput();
        Protective = new ProtectiveChannel(_p.Protective, new WindowedWatchdog(_p.Protective), new ThermalComparator(_p.Protective, options.AmbientCelsius),
            MotorPwm, MotorEnable, SafetyWatchdogKick, CartridgePresent);
        Protective.ForcedClosed = !options.HardwareChannel;
        _powertrain.Gate = Protective;
        MotorEnableSense = new SimGatedNetInput(Protective);
        _powertrain.SkinStiffness = _p.Skin.StiffnessFor(_skin);
        Cam.Profile = _skin;
        _powertrain.UpdateQuiescentLoad();

        MotorCurrentAdc = new SimAdcChannel(CurrentSense, _p.AdcMaxCount, _p.AdcReferenceMillivolts);
        MotorCurrentMeanAdc = new SimAdcChannel(CurrentSense.MeanNode, _p.AdcMaxCount, _p.AdcReferenceMillivolts);
        DepthFeedbackAdc = new SimAdcChannel(_actuator, _p.AdcMaxCount, _p.AdcReferenceMillivolts);
        ThermistorAdc = new SimAdcChannel(Ntc, _p.AdcMaxCount, _p.AdcReferenceMillivolts);
        BatteryAdc = new SimAdcChannel(divider, _p.AdcMaxCount, _p.AdcReferenceMillivolts);

        Flash = new SimulatedFlash { ThrowOnPowerCut = false };
        Flash.Written += OnFlashWritten;
        Platform = new LoopPlatform(options.Platform ?? PlatformParameters.IdealProcessor(), Seed);
        CartridgeBus = new SimOneWireBus { Board = this, ByteMicros = Platform.Parameters.OneWireByteMicros, ResetMicros = Platform.Parameters.OneWireResetMicros };
        Serial = new SimSerialPort();
        Faults = new FaultInjector(this);
        Random = new SimRandomSource(Seed);

        Pen = new PenBoard
        {
            Clock = Clock,
            MotorPwm = MotorPwm,
            MotorEnable = MotorEnable,
            MotorEnableSense = MotorEnableSense,
            SafetyWatchdogKick = SafetyWatchdogKick,
            MotorFaultN = MotorFaultN,
            MotorCurrent = MotorCurrentAdc,
            MotorCurrentMean = MotorCurrentMeanAdc,
            StrokeCounter = StrokeCounter,
            DepthDrive = DepthDrive,
            DepthFeedback = DepthFeedbackAdc,
            Thermistor = ThermistorAdc,
            BatteryVoltage = BatteryAdc,
            CartridgePresent = CartridgePresent,
            CartridgeBus = CartridgeBus,
            ButtonStartN = Buttons.Pin(SimButton.Start),
            ButtonRateUpN = Buttons.Pin(SimButton.RateUp),
            ButtonRateDownN = Buttons.Pin(SimButton.RateDown),
            ButtonDepthUpN = Buttons.Pin(SimButton.DepthUp),
            ButtonDepthDownN = Buttons.Pin(SimButton.DepthDown),
            LedGreen = Leds.Green,
            LedAmber = Leds.Amber,
            LedRed = Leds.Red,
            Buzzer = Leds.Buzzer,
            Storage = Flash,
            Serial = Serial,
            Watchdog = Watchdog,
            System = System,
            Random = Random,
        };
    }

    // ---------------------------------------------------------------- configuration

    /// <summary>The options the board was built from.</summary>
    public SimOptions Options { get; }

    /// <summary>The board's own copy of the physical parameters (read them; changing them after construction is not supported).</summary>
    public SimParameters Parameters => _p;

    /// <summary>Noise seed.</summary>
    public ulong Seed { get; }

    /// <summary>The pen's hardware as the firmware sees it: every member is a simulated device of this board.</summary>
    public PenBoard Pen { get; }

    /// <summary>The processor and runtime model around the firmware's loop (wake-ups, tick cost, GC, events).</summary>
    public LoopPlatform Platform { get; }

    /// <summary>Fault injection (catalogue: <see cref="SimFaultCatalog"/>).</summary>
    public FaultInjector Faults { get; }

    // ---------------------------------------------------------------- devices (typed)

    /// <summary>Processor clock (resets to 0 at each processor reset).</summary>
    public SimClock Clock { get; }

    /// <summary>Motor H-bridge PWM.</summary>
    public SimPwmChannel MotorPwm { get; }

    /// <summary>H-bridge nSLEEP.</summary>
    public SimDigitalOutput MotorEnable { get; }

    /// <summary>Read-back pin on the gated nSLEEP net (what the bridge really sees).</summary>
    public SimGatedNetInput MotorEnableSense { get; }

    /// <summary>WDI of the hardware channel's window watchdog.</summary>
    public SimDigitalOutput SafetyWatchdogKick { get; }

    /// <summary>Hardware protective channel (cartridge switch, thermal comparator, window watchdog) gating EN and nSLEEP.</summary>
    public ProtectiveChannel Protective { get; }

    /// <summary>H-bridge nFAULT.</summary>
    public SimDigitalInput MotorFaultN { get; }

    /// <summary>Motor current ADC channel.</summary>
    public SimAdcChannel MotorCurrentAdc { get; }

    /// <summary>ADC channel of the averaging RC on the IPROPI node (the rate loop's current).</summary>
    public SimAdcChannel MotorCurrentMeanAdc { get; }

    /// <summary>Hall pulse counter.</summary>
    public SimPulseCounter StrokeCounter { get; }

    /// <summary>Depth actuator set-point PWM.</summary>
    public SimPwmChannel DepthDrive { get; }

    /// <summary>Depth feedback pot ADC channel.</summary>
    public SimAdcChannel DepthFeedbackAdc { get; }

    /// <summary>Thermistor ADC channel.</summary>
    public SimAdcChannel ThermistorAdc { get; }

    /// <summary>Battery divider ADC channel.</summary>
    public SimAdcChannel BatteryAdc { get; }

    /// <summary>Cartridge presence switch.</summary>
    public SimDigitalInput CartridgePresent { get; }

    /// <summary>Cartridge 1-Wire bus.</summary>
    public SimOneWireBus CartridgeBus { get; }

    /// <summary>Non-volatile storage (power-cut and bit-flip fault hooks).</summary>
    public SimulatedFlash Flash { get; }

    /// <summary>USB serial port.</summary>
    public SimSerialPort Serial { get; }

    /// <summary>Watchdog.</summary>
    public SimWatchdog Watchdog { get; }

    /// <summary>Reset cause, reboot, power latch.</summary>
    public SimSystemControl System { get; }

    /// <summary>Hardware random number generator (its state survives processor resets, as the chip's does).</summary>
    public SimRandomSource Random { get; }

    /// <summary>LEDs and buzzer.</summary>
    public Leds Leds { get; }

    /// <summary>Buttons.</summary>
    public Buttons Buttons { get; }

    // ---------------------------------------------------------------- models (for tests and tools)

    /// <summary>Battery model.</summary>
    public Battery Battery { get; }

    /// <summary>H-bridge model.</summary>
    public HBridge Bridge { get; }

    /// <summary>Motor model.</summary>
    public DcMotor Motor { get; }

    /// <summary>Cam and needle model.</summary>
    public CamAndNeedles Cam { get; }

    /// <summary>Thermal model.</summary>
    public Thermal Thermal { get; }

    /// <summary>Current-sense model.</summary>
    public CurrentSense CurrentSense { get; }

    /// <summary>Thermistor model.</summary>
    public Ntc Ntc { get; }

    /// <summary>The pen's ESP32-S3 ADC transfer (one chip, shared by its channels).</summary>
    public Esp32S3AdcTransfer AdcTransfer { get; }

    /// <summary>Battery sense divider into the ADC.</summary>
    public BatteryDivider BatteryDivider { get; }

    /// <summary>Depth actuator model.</summary>
    public DepthActuator DepthActuator => _actuator;

    /// <summary>Powertrain (bridge, motor, cam, hall) stepping.</summary>
    public Powertrain Powertrain => _powertrain;
}
