namespace MnPen.Safety
{
    /// <summary>
    /// Thresholds and timings of every interlock. Defaults are the reference board's values (docs/safety/interlocks.md
    /// gives the reasoning); tests may tighten or loosen them, the pen uses the defaults.
    /// </summary>
    public sealed class SafetyLimits
    {
        /// <summary>Nominal control tick, microseconds (10 ms: one FreeRTOS tick of nanoFramework's ESP32 build; docs/control.md).</summary>
        public int TickPeriodMicros = 10000;

        // Overcurrent: the driver regulates to 2.0 A cycle by cycle and the sense saturates near 2.2 A, so anything
        // clearly above regulation means the regulation failed (short) or the sense is at full scale.
        /// <summary>Instantaneous overcurrent trip, amps.</summary>
        public float OvercurrentAmps = 2.15f;
        /// <summary>Raw current-sense count at which the ADC is treated as saturated (overcurrent regardless of calibration).</summary>
        public int OvercurrentRawCounts = 4050;

        /// <summary>Continuous current rating of the motor, amps (I²t accumulates above it).</summary>
        public float OverloadContinuousAmps = 1.0f;
        /// <summary>I²t budget above the continuous rating, A²·s.</summary>
        public float OverloadBudgetA2s = 1.5f;

        /// <summary>Duty below which no rotation is expected (stall and plausibility checks idle).</summary>
        public float StallMinDuty = 0.12f;
        /// <summary>Time allowed from first drive to the first stroke, microseconds.</summary>
        public int StartupStrokeTimeoutMicros = 150000;
        /// <summary>Shortest no-stroke time that counts as a stall while running, microseconds.</summary>
        public int JamTimeoutMinMicros = 40000;
        /// <summary>Longest no-stroke time while running (slow turning), microseconds.</summary>
        public int JamTimeoutMaxMicros = 130000;
        /// <summary>
        /// Added to the no-stroke timeout: a stroke is seen at the counter read after it, up to one tick later, and a tick
        /// may come a missed period late (a GC pause): two ticks, microseconds.
        /// </summary>
        public int JamSampleAllowanceMicros = 20000;
        /// <summary>No-stroke timeout as a multiple of the last stroke period.</summary>
        public float JamPeriodMultiple = 2.0f;
        // A blocked rotor has no back-EMF, so its current is the applied voltage over the winding resistance (or the
        // driver's regulation limit). A turning rotor draws a small fraction of that. This separates jam from a dead hall.
        /// <summary>The nominal motor's terminal resistance at 25 °C, ohms (motor data: 17 mm coreless class; MotorDefaults cites the same).</summary>
        public const float NominalMotorResistanceOhms = 3.0f;
        /// <summary>The nominal motor's back-EMF constant, V·s/rad (speed constant 1836 rpm/V; MotorDefaults cites the same).</summary>
        public const float NominalBackEmfVoltSecondsPerRad = 0.0052f;
        /// <summary>This pen's motor terminal resistance, ohms (nominal until the firmware loads the station's measurement; a hot winding is higher, which the fraction allows for).</summary>
        public float MotorResistanceOhms = NominalMotorResistanceOhms;
        /// <summary>The driver's cycle-by-cycle current regulation limit, amps.</summary>
        public float DriverCurrentLimitAmps = 2.0f;
        /// <summary>Current at or above this fraction of the stall current counts as a blocked rotor.</summary>
        public float JamStallFraction = 0.6f;
        /// <summary>Blocked-rotor current with no stroke for this long is a jam, microseconds.</summary>
        public int JamDetectMicros = 25000;
        /// <summary>
        /// First step of the stall push: a rotor blocked at a lower duty before its first strokes is pushed to this duty for a
        /// tick (or to the supervisor's duty limit). At 0.5 from an 8.4 V pack the stall current is 1.1 A (5.9 mN·m), which
        /// breaks the reference cartridge's mean puncture peak (16 × 0.2 N at up to 1.5 mm: 4.8 mN·m) and, ended by the
        /// rotor's back-EMF (JamBreakVoltsAt), leaves it at about the soft start's set-point after one tick. Still blocked,
        /// the push goes on to the probe torque (JamProbeTorqueNewtonMetres); the jam's confirmation time runs from here.
        /// (A fixed 0.7 was tried: it broke every load but, held while the current looked blocked, spun the rotor 92 % past
        /// a 50 /s start.) This is the nominal motor's duty: a pen's own motor gets the same torque (JamProbeFirstDutyAt).
        /// </summary>
        public float JamProbeDuty = 0.5f;
        /// <summary>
        /// Duty of the stall push's first step on this pen's motor: the torque JamProbeDuty gives the nominal motor at the same
        /// supply (0.5 × V / 3.7 Ω × 0.0052 V·s/rad: 5.9 mN·m at 8.4 V), through this motor's measured kₑ and path at the
        /// handpiece temperature, 0..1. As a fixed duty a weak motor got less of it (kₑ −28 %: 4.2 mN·m at 8.3 V), broke the
        /// puncture too slowly for its back-EMF to show it within the tick, and was taken on to the probe torque, which spun
        /// it 29 % past a 50 /s tough-skin start (bench rate --motor-spread 30, pen 11).
        /// </summary>
        public float JamProbeFirstDutyAt(float handpieceCelsius)
        {
            if (!(MotorBackEmfVoltSecondsPerRad > 0f)) return JamProbeDuty;
            float nominalPath = WindingOhmsAt(NominalMotorResistanceOhms, handpieceCelsius) + BridgeOnResistanceOhms;
            float duty = JamProbeDuty * NominalBackEmfVoltSecondsPerRad / MotorBackEmfVoltSecondsPerRad * MotorPathOhmsAt(handpieceCelsius) / nominalPath;
            return duty < 1f ? duty : 1f;
        }
        /// <summary>
        /// Inertia on the motor shaft at its largest, kg·m²: rotor 1.0 g·cm² + 5 % and cam, carrier and coupling 0.5 g·cm²
        /// + 10 % (docs/simulator.md, "Population of pens"), as RotorBrakeTimeConstantMaxSeconds takes it.
        /// </summary>
        public float RotorInertiaMaxKgM2 = 1.6e-7f;
        /// <summary>
        /// The least back-EMF a free rotor of this motor shows after `seconds` from rest under driveVolts, volts: the slowest
        /// such rotor (RotorInertiaMaxKgM2, the worst friction DriveFrictionMaxNewtonMetres, the winding
        /// JamWindingAboveGripKelvin warmer than the grip) rises toward drive − R·T_f/kₜ along its time constant J·R/(kₑ·kₜ).
        /// Until it exceeds the back-EMF estimate's error (JamBreakVoltsAt) a blocked-looking current from rest says nothing:
        /// a motor 28 % weak (τ 43 ms against the nominal 23 ms) read as blocked after the soft start's first tick in air,
        /// was pushed and ran 5.0-7.3 % past a 50 /s start in air on the sagging pack (bench rate --motor-spread 30, pens 6, 29, 42).
        /// </summary>
        public float FreeRotorEmfAt(float driveVolts, float seconds, float handpieceCelsius)
        {
            float ke = MotorBackEmfVoltSecondsPerRad;
            if (!(ke > 0f) || !(seconds > 0f)) return 0f;
            float ohms = MotorPathOhmsAt(handpieceCelsius) + WarmWindingExtraOhms;
            float final = driveVolts - ohms * DriveFrictionMaxNewtonMetres / ke;
            if (!(final > 0f)) return 0f;
            float tau = RotorInertiaMaxKgM2 * ohms / (ke * ke);
            return final * (1f - (float)System.Math.Exp(-seconds / tau));
        }
        /// <summary>
        /// Torque a blocked rotor is pushed to before it counts as jammed, N·m: the reference cartridge's puncture peak at its
        /// worst (16 needles × 0.2 N tough-skin puncture force × 1.45, three standard deviations of the 15 % stroke-to-stroke
        /// spread, at the cam's full 1.5 mm lever: 6.96 mN·m; docs/simulator.md) plus the worst pen's friction (0.25 mN·m
        /// nominal + 30 % production + 25 % ageing: 0.41 mN·m), with a 1 % motor-constant loss since calibration: 7.5 mN·m.
        /// With the 0.5 duty alone a tough-skin start at 1.5 mm from rest stalled for good on 0-14 % of starts at 7.6-8.4 V
        /// (pens 0, 6, 29, 46 of seed 1) and false-tripped CartridgeJam in the working day (pens 6 and 46). As current it is
        /// 1.44 A on the nominal motor, 1.60 A on a motor 10 % weak: under the 1.8 A where the DRV8876 starts to regulate
        /// (StrokeModelMaxCurrentFraction × DriverCurrentLimitAmps). A true jam (cartridge-jam holds 20-500 mN·m) stays blocked.
        /// </summary>
        public float JamProbeTorqueNewtonMetres = 7.5e-3f;
        /// <summary>
        /// Winding temperature above the grip's that the push's back-EMF estimate allows for, K: 7 K/W winding to handpiece
        /// (docs/simulator.md, thermal) × 3 W, the motor's 1 A continuous rating (OverloadContinuousAmps) through its 3 Ω:
        /// 21 K, rounded to 20 K (the winding runs at least as warm as the grip, MotorPathOhmsAt).
        /// </summary>
        public float JamWindingAboveGripKelvin = 20f;
        /// <summary>
        /// Relative error of each of the supply reading and the station's measured path resistance in the push's back-EMF
        /// estimate (1 % each: CurrentModelMarginVolts; the current and the resistance come through the same calibrated
        /// channel, so the current's gain error cancels in I·R, docs/control.md "Motor auto-tune").
        /// </summary>
        public float JamEmfErrorFraction = 0.01f;
        /// <summary>
        /// Back-EMF under a push above which the rotor is turning (it broke through the load), volts, for the current and
        /// drive (duty × supply) of the reading: the largest error of a blocked rotor's estimate drive − I·R at the handpiece
        /// temperature, so a true jam never reads as turning. The model margin (CurrentModelMarginVolts) + JamEmfErrorFraction
        /// of the drive and of I·R + the winding up to JamWindingAboveGripKelvin warmer than the grip. At 0.8 A under a
        /// 0.5 push from 7 V it is 0.30 V (a rotor at 9 strokes/s); at the driver's 1.8 A, 0.73 V.
        /// </summary>
        public float JamBreakVoltsAt(float amps, float driveVolts, float handpieceCelsius)
        {
            float ir = amps * MotorPathOhmsAt(handpieceCelsius);
            float warm = amps * WarmWindingExtraOhms;
            return CurrentModelMarginVolts + JamEmfErrorFraction * (driveVolts + ir) + warm;
        }
        // The drive's start from rest (CartridgeTooHeavy): a cam that came to rest with the needles tenting the skin just short
        // of puncture has no run-up, so the stall push alone must carry them through the puncture peak. The peak's torque is
        // needles × puncture force × 3σ spread × the cam's lever at the puncture point, (S/2)·sin θₚ with
        // S/2·(1 − cos θₚ) = S − depth + tent; it must stay under the probe torque (JamProbeTorqueNewtonMetres, less its 1 %
        // motor-constant loss) less the worst pen's friction. Measured on the simulator over 50 drawn pens, tough skin,
        // 8.4 V and the sagging pack, 8 starts from rest each at 50 /s (docs/cartridge.md "Starts from rest over the
        // population"): 24 needles at 1.5 mm stalled for good and tripped CartridgeJam on 19 and 27 of 50 pens, 36 at 1.0 mm
        // on 47 and 46; both kinds at the depths this rule allows (0.5 and 0.3 mm) started on every pen, every start.
        /// <summary>Cam throw, mm (the cam and needle carrier's 3.0 mm stroke, docs/simulator.md "Cam and needles in skin"; CamParameters.StrokeMetres).</summary>
        public float CamStrokeMm = 3.0f;
        /// <summary>
        /// Skin deflection before the needles puncture the toughest supported skin, mm: the tip travels this far into the skin
        /// before the peak (0.15 mm, the stiff end of the few hundred micrometres of tenting in Olatunji et al. 2013 and
        /// Roxhed et al. 2007; SkinParameters.ToughTentMetres).
        /// </summary>
        public float ToughSkinTentMm = 0.15f;
        /// <summary>
        /// Puncture force of one 30-36 G pen needle in the toughest supported skin, N (0.2 N, the simulator's tough skin
        /// within Davis et al. 2004's 0.1-3 N): used when the cartridge does not state its own (CartridgeImage 0x0E).
        /// </summary>
        public float PenNeedlePunctureNewtons = 0.20f;
        /// <summary>Stroke-to-stroke peak of the puncture force over its mean: 3σ of a 15 % spread (Davis et al. 2004: 10-20 %).</summary>
        public float PuncturePeakFactor = 1.45f;
        /// <summary>Worst pen's friction at the shaft, N·m: 0.25 mN·m nominal motor and mechanism + 30 % production + 25 % ageing.</summary>
        public float DriveFrictionMaxNewtonMetres = 0.41e-3f;
        /// <summary>The motor constant a pen may have lost since its calibration (1 %: JamProbeTorqueNewtonMetres).</summary>
        public float DriveMotorConstantLossFraction = 0.01f;

        /// <summary>
        /// True when the puncture peak of needles (each with needleNewtons in the toughest skin; 0 = a pen needle) at depthMm,
        /// met from rest, needs more torque than the stall push gives (JamProbeTorqueNewtonMetres less its motor-constant
        /// loss and the worst friction): the start is refused (CartridgeTooHeavy). Compared squared, so no square root.
        /// </summary>
        public bool StartTooHeavy(int needles, float needleNewtons, float depthMm)
        {
            if (needles <= 0 || !(depthMm > 0f)) return false;
            if (!(needleNewtons > 0f)) needleNewtons = PenNeedlePunctureNewtons;
            float half = 0.5f * CamStrokeMm;
            // Cam angle of the puncture: travel S/2·(1 − cos θ) = S − depth + tent. Past the end of the stroke the tips never
            // get through: the tent's force grows to the bottom of the stroke, where the lever is nil.
            float cos = 1f - (CamStrokeMm - depthMm + ToughSkinTentMm) / half;
            if (cos <= -1f) return false;
            if (cos > 1f) cos = 1f;
            float peak = needles * needleNewtons * PuncturePeakFactor * half * 1e-3f;   // N·m at the full lever
            float budget = JamProbeTorqueNewtonMetres * (1f - DriveMotorConstantLossFraction) - DriveFrictionMaxNewtonMetres;
            if (!(budget > 0f)) return true;
            return peak * peak * (1f - cos * cos) > budget * budget;
        }

        /// <summary>Absolute stroke-rate ceiling, strokes/s.</summary>
        public float OverspeedAbsolute = 170f;
        /// <summary>
        /// Shortest span the supervisor's rate is measured over, microseconds: counts are read once per tick, so a span's
        /// ends are each up to a tick late; over 200 ms that is 5-6 % (150 /s reads at most 160 /s).
        /// </summary>
        public int OverspeedSpanMicros = 200000;
        /// <summary>Commanded-rate overspeed: measured above target × this factor...</summary>
        public float OverspeedRelativeFactor = 1.3f;
        /// <summary>...plus this margin, strokes/s...</summary>
        public float OverspeedRelativeMargin = 15f;
        /// <summary>...for this long, microseconds (covers rate-down transients).</summary>
        public int OverspeedRelativeMicros = 300000;

        /// <summary>Depth tracking tolerance, mm.</summary>
        public float DepthToleranceMm = 0.3f;
        /// <summary>Time the depth may stay outside tolerance (full-travel slew plus settling is under 200 ms), microseconds.</summary>
        public int DepthFaultMicros = 250000;
        /// <summary>Measured depth may exceed the cartridge limit by this much (sensor noise), mm.</summary>
        public float DepthLimitMarginMm = 0.1f;
        /// <summary>Persistence for the measured depth above limit, microseconds.</summary>
        public int DepthAboveLimitMicros = 3000;
        /// <summary>Depth feedback raw counts below this read as a broken pot.</summary>
        public int DepthFeedbackMinRaw = 80;
        /// <summary>Depth feedback raw counts above this read as a broken pot.</summary>
        public int DepthFeedbackMaxRaw = 4020;

        /// <summary>Temperature where duty derating begins, °C.</summary>
        public float DerateStartCelsius = 38.0f;
        /// <summary>Skin-contact limit the over-temperature trip protects, °C: no skin-contact part above 41 °C.</summary>
        public const float SkinContactLimitCelsius = 41.0f;

        /// <summary>
        /// Temperature trip, °C, as read by the calibrated thermistor. Set so the TRUE grip temperature stays at or below
        /// 41 °C on every pen (docs/safety/sensing-budget.md): worst-case reading error after the one-point production
        /// calibration at room temperature, NTC B ±1 % (0.25 °C at 40 °C), ADC offset residual and INL (0.35 °C), the
        /// reference thermometer (0.2 °C), quantisation and noise (0.05 °C), lag of the bead behind the grip (0.05 °C at
        /// the fastest heating), plus the grip's rise after the cut from heat stored in the winding (0.3 °C): 1.2 °C,
        /// rounded to 1.5 °C. 41.0 − 1.5 = 39.5 °C.
        /// </summary>
        public float OverTemperatureCelsius = 39.5f;
        /// <summary>Duty factor at the trip temperature (linear from 1 at DerateStartCelsius).</summary>
        public float DerateMinFactor = 0.4f;
        /// <summary>Hysteresis for leaving derating and acknowledging an over-temperature, °C.</summary>
        public float TemperatureHysteresisCelsius = 1.0f;
        /// <summary>
        /// Thermistor raw counts at or above this read as open circuit: an open NTC puts the 3.3 V rail on the pin, which a
        /// 1200 mV-reference ESP32-S3 reads as only about 3850-3930 counts (compressed above its 3.16 V knee), so 4000
        /// would miss it; an intact NTC reads 3800 only below -3 °C on the lowest-reference chip.
        /// </summary>
        public int ThermistorOpenRaw = 3800;
        /// <summary>Thermistor raw counts at or below this read as short circuit.</summary>
        public int ThermistorShortRaw = 100;
        /// <summary>Persistence for temperature and thermistor faults, microseconds.</summary>
        public int TemperatureFaultMicros = 5000;

        /// <summary>Stated under-voltage protection, volts: the motor stops before the pack falls below it (2S at 3.0 V/cell).</summary>
        public const float UnderVoltageStatedVolts = 6.0f;

        /// <summary>
        /// Brown-out trip as read by the calibrated battery sense, volts. The reading may be high by the budget's
        /// worst case after the one-point production calibration near 7.4 V (docs/safety/sensing-budget.md): ADC offset
        /// residual 0.02 V, INL 0.03 V, voltmeter 0.01 V, divider tempco 0.01 V, quantisation and noise over the 5 ms
        /// persistence 0.01 V: 0.08 V, rounded to 0.1 V. 6.0 + 0.1 = 6.1 V, so no pen trips below 6.0 V true.
        /// </summary>
        public float UnderVoltageVolts = 6.1f;
        /// <summary>Persistence for under-voltage (load transients), microseconds.</summary>
        public int UnderVoltageMicros = 5000;
        /// <summary>Derating below this, volts.</summary>
        public float BatteryDerateVolts = 6.4f;
        /// <summary>Duty factor while battery derating.</summary>
        public float BatteryDerateFactor = 0.85f;
        /// <summary>Low-battery warning below this, volts.</summary>
        public float BatteryLowVolts = 6.6f;
        /// <summary>Start refused below this, volts.</summary>
        public float BatteryStartMinVolts = 6.2f;
        /// <summary>Hysteresis on battery thresholds, volts.</summary>
        public float BatteryHysteresisVolts = 0.1f;
        /// <summary>Battery readings outside MinPlausible..MaxPlausible are a broken sense, volts.</summary>
        public float BatteryMinPlausibleVolts = 3.0f;
        /// <summary>Upper plausible battery reading, volts.</summary>
        public float BatteryMaxPlausibleVolts = 9.2f;

        /// <summary>Current below this while driven is implausible, amps.</summary>
        public float CurrentPlausibleMinAmps = 0.02f;
        /// <summary>
        /// Duty at or above which current must flow, for the nominal motor (kₑ 0.0052 V·s/rad): about 38 strokes/s of
        /// back-EMF from 8.4 V. CurrentPlausibleMinDuty scales it with this pen's kₑ: the same speed takes
        /// proportionally less duty on a weaker motor, and a motor 25 % weak running at 31 of 50 strokes/s on a dead sense
        /// sat at duty 0.136, under the nominal gate, unchecked (bench interlocks --motor-spread 30, current-sensor-open).
        /// </summary>
        public const float CurrentPlausibleMinDutyNominal = 0.15f;
        /// <summary>
        /// Duty at or above which current must flow, for this pen's motor: the nominal gate × kₑ / the nominal kₑ, derived
        /// from MotorBackEmfVoltSecondsPerRad so it follows whatever motor the firmware loads.
        /// </summary>
        public float CurrentPlausibleMinDuty => CurrentPlausibleMinDutyNominal * (MotorBackEmfVoltSecondsPerRad / NominalBackEmfVoltSecondsPerRad);
        /// <summary>Persistence for the current plausibility check, microseconds.</summary>
        public int CurrentPlausibleMicros = 30000;
        // The rotor against its drive (RotorEmfBound), from the motor's parts at their corners (docs/simulator.md,
        // "Population of pens": kₑ = kₜ 0.0052 V·s/rad ±10 %, R 3.0 Ω ±12 % (+14 % at a 60 °C winding) plus the DRV8876's
        // 0.7 Ω, rotor + mechanism inertia 1.5 g·cm² (+10 % / −7 %), motor + mechanism Coulomb friction 0.25 mN·m −30 %).
        /// <summary>
        /// Slowest mechanical time constant J·R / (kₑ·kₜ), seconds: 1.6e-7 × 4.6 / 0.00468² = 34 ms. A rotor faster than its
        /// drive is braked back by the bridge's slow decay (PWM off = both low sides on, DRV8876 PH/EN) at least this fast.
        /// </summary>
        public float RotorBrakeTimeConstantMaxSeconds = 0.035f;
        /// <summary>Fastest mechanical time constant, seconds: 1.4e-7 × 3.34 / 0.00572² = 14 ms (a driven rotor's EMF rises no faster).</summary>
        public float RotorSpinUpTimeConstantMinSeconds = 0.012f;
        /// <summary>
        /// Slowest fall of the EMF from friction beyond the floor current's torque, V/s: kₑ × (0.175 − 0.02 × 5.72) mN·m /
        /// 1.6e-7 kg·m² = 0.0047 × 0.061e-3 / 1.6e-7 = 1.8 V/s, less margin.
        /// </summary>
        public float RotorCoastMinVoltsPerSecond = 1.5f;
        /// <summary>
        /// Error of the drive-voltage-less-I·R back-EMF estimate, volts: supply reading 1 % of ≤ 8.4 V at duty ≤ 0.5 (0.04 V)
        /// and the station's ±1 % path resistance at the floor current (negligible) (docs/control.md, "Motor auto-tune").
        /// </summary>
        public float CurrentModelMarginVolts = 0.05f;
        /// <summary>
        /// Current read with the driver off above this is a sense fault (run time) or an offset out of range (pre-run), amps:
        /// the sense's offset band plus noise stay far below it (CurrentOffsetMaxRaw).
        /// </summary>
        public float CurrentWhileOffAmps = 0.3f;
        /// <summary>
        /// A live converter never repeats the same count this many ticks in a row while the motor is driven (1 count RMS
        /// noise repeats a count with p ≈ 0.28: 0.28^20 ≈ 1e-11 per tick).
        /// </summary>
        public int CurrentFrozenTicks = 20;
        /// <summary>Largest current-sense offset at rest, raw counts.</summary>
        public int CurrentOffsetMaxRaw = 40;

        /// <summary>
        /// Largest gap between control ticks with the motor driver on, microseconds: a period (10 ms) plus a missed one
        /// (a GC pause, at most 8 ms, holding the processor past an RTOS tick) plus the worst wake-up jitter (2.5 ms) is
        /// 22.5 ms; 35 ms leaves margin and still trips on any stall of 2.5 periods or more.
        /// </summary>
        public int MaxTickIntervalMicros = 35000;
        /// <summary>Longest tick duration before it counts as an overrun, microseconds (one period).</summary>
        public int MaxTickDurationMicros = 10000;
        /// <summary>Consecutive overrunning ticks that trip.</summary>
        public int OverrunTicks = 5;
        /// <summary>Ticks over which the mean tick interval is watched for a slow loop.</summary>
        public int SlowLoopTicks = 10;
        /// <summary>
        /// Mean interval over SlowLoopTicks above which the loop runs too slowly with the driver on, microseconds: twice
        /// the period. A loop at a third of its rate (30 ms ticks, each under the gap limit) trips within 10 ticks = 300 ms;
        /// a GC pause's missed period adds 10 ms to one interval only (mean 11 ms).
        /// </summary>
        public int SlowLoopMeanIntervalMicros = 20000;

        /// <summary>Ticks the start-up clock cross-check spans.</summary>
        public int ClockCheckTicks = 20;
        /// <summary>Allowed relative disagreement between tick count and clock.</summary>
        public float ClockTolerance = 0.1f;

        /// <summary>Stroke gap after which the motor counts as stopped (for acknowledgement), microseconds.</summary>
        public int MotorStoppedMicros = 100000;

        // Stroke-sensor plausibility (StrokePlausibility; docs/control.md "Stroke sensor plausibility"): the hall count
        // against the strokes the motor's back-EMF implies.
        /// <summary>This pen's motor back-EMF constant, V·s/rad (nominal, the motor's data 1836 rpm/V = 0.0052 V·s/rad, until the firmware loads the station's measurement).</summary>
        public float MotorBackEmfVoltSecondsPerRad = NominalBackEmfVoltSecondsPerRad;
        /// <summary>H-bridge high- plus low-side on-resistance in the motor's path, ohms (TI DRV8876, SLVSEY4: 700 mΩ typical).</summary>
        public float BridgeOnResistanceOhms = 0.7f;
        /// <summary>
        /// Copper's temperature coefficient of resistance, 1/K (annealed copper 0.00393), with MotorResistanceOhms taken at
        /// 25 °C: the stroke check scales the winding resistance by the handpiece temperature, because a warm winding's
        /// larger I·R drop is an error that grows as the back-EMF falls (a derated pen slows) and a learned ratio cannot hold it.
        /// </summary>
        public float MotorResistanceTempcoPerKelvin = 0.00393f;

        /// <summary>
        /// The motor's current path, ohms: the winding at the handpiece temperature (the winding runs at least as warm as the
        /// grip beside it; nominal when the reading is implausible, which the thermistor checks report on their own) plus
        /// the bridge's on-resistance.
        /// </summary>
        public float MotorPathOhmsAt(float handpieceCelsius) => WindingOhmsAt(MotorResistanceOhms, handpieceCelsius) + BridgeOnResistanceOhms;

        /// <summary>
        /// A winding of ohmsAt25 (ohms at 25 °C) at the handpiece temperature, ohms: copper's tempco applied where the reading
        /// is plausible (WindingTempcoApplies), ohmsAt25 otherwise. This pen's winding and the nominal motor's alike.
        /// </summary>
        public float WindingOhmsAt(float ohmsAt25, float handpieceCelsius) =>
            WindingTempcoApplies(handpieceCelsius) ? ohmsAt25 * (1f + MotorResistanceTempcoPerKelvin * (handpieceCelsius - 25f)) : ohmsAt25;

        /// <summary>
        /// What this pen's winding adds, ohms, when it runs JamWindingAboveGripKelvin warmer than the grip the thermistor
        /// reads: the allowance the back-EMF bounds of the stall push carry (JamBreakVoltsAt, FreeRotorEmfAt).
        /// </summary>
        public float WarmWindingExtraOhms => MotorResistanceOhms * MotorResistanceTempcoPerKelvin * JamWindingAboveGripKelvin;
        /// <summary>
        /// True when a handpiece reading is one the winding's temperature correction is applied at (−20..100 °C, exclusive):
        /// outside it the reading is a sensor fault (an NTC open or shorted reads far beyond it), not a temperature.
        /// </summary>
        public static bool WindingTempcoApplies(float handpieceCelsius)
        {
            return handpieceCelsius > -20f && handpieceCelsius < 100f;
        }
        /// <summary>
        /// A winding resistance measured with the handpiece at handpieceCelsius, referred to 25 °C as MotorResistanceOhms
        /// is kept (the inverse of MotorPathOhmsAt's scaling, so the pen at the measuring temperature forms the measured
        /// value again); the measured value unchanged when the reading is implausible (WindingTempcoApplies).
        /// </summary>
        public float MotorResistanceAt25Celsius(float measuredOhms, float handpieceCelsius)
        {
            if (!WindingTempcoApplies(handpieceCelsius)) return measuredOhms;
            return measuredOhms / (1f + MotorResistanceTempcoPerKelvin * (handpieceCelsius - 25f));
        }
        /// <summary>
        /// Duty whose stall current gives JamProbeTorqueNewtonMetres on this pen's motor (kₜ = kₑ in SI units) through the
        /// current path at the handpiece temperature from the measured supply, 0..1 (1 when the supply cannot give it).
        /// </summary>
        public float JamProbeFullDutyAt(float supplyVolts, float handpieceCelsius)
        {
            if (supplyVolts <= 1f || MotorBackEmfVoltSecondsPerRad <= 0f) return 1f;
            float duty = JamProbeTorqueNewtonMetres / MotorBackEmfVoltSecondsPerRad * MotorPathOhmsAt(handpieceCelsius) / supplyVolts;
            return duty < 1f ? duty : 1f;
        }
        /// <summary>
        /// Expected strokes the comparison spans (at most 3.2 s of driven ticks): the count over a span is within one stroke
        /// of the strokes turned, so 150 strokes bound the quantisation to 0.7 % (1 s at 150 /s; 3 s at 50 /s).
        /// </summary>
        public float StrokeWindowStrokes = 150f;
        /// <summary>Allowed mismatch over the window: this many strokes (one of quantisation, one of margin)...</summary>
        public float StrokeMismatchStrokes = 2f;
        /// <summary>
        /// ...plus this fraction of the expected strokes: the back-EMF model's error once the pen's ratio is learned, 2.3 %
        /// at worst in the simulator over air/nominal/tough skin at 50-150 /s (the current is read once per tick and at
        /// 50 /s in tough skin each read falls on the same part of the stroke), rounded up. A hall switch missing 1 pulse
        /// in 20 (5 %) is past it at every rate.
        /// </summary>
        public float StrokeMismatchFraction = 0.03f;
        /// <summary>Consecutive window checks (one per 100 ms) over the allowance that trip: one stray current reading must not.</summary>
        public int StrokeMismatchChecks = 2;
        /// <summary>Counted strokes after power-up over which the pen's own ratio is learned (2 s at 150 /s).</summary>
        public int StrokeRatioLearnStrokes = 300;
        /// <summary>
        /// Learned ratio accepted as the pen's own: the motor constant's tolerance (±10 % for coreless motors of this class,
        /// maxon/Faulhaber data) with margin for the sense and divider; outside it the sensor was wrong from the start.
        /// </summary>
        public float StrokeRatioMin = 0.85f;
        /// <summary>Upper bound of the learned ratio.</summary>
        public float StrokeRatioMax = 1.15f;
        /// <summary>
        /// Time constant with which the ratio follows slow drift, s: the winding's R rises 0.39 %/K as it warms over minutes;
        /// a fault's mismatch reaches its allowance within one window (≤ 3.2 s), in which this follows under 3 % of it.
        /// </summary>
        public float StrokeRatioFollowSeconds = 120f;
        /// <summary>Above this fraction of the driver's current limit the effective duty is the regulator's, not the command.</summary>
        public float StrokeModelMaxCurrentFraction = 0.9f;

        /// <summary>
        /// Brake-then-sleep: after a stop or a trip the gate brakes (duty 0 with the driver awake: EN low, both low sides
        /// on) and puts the driver to sleep once no stroke has come for this long, microseconds. Under brake the rotor's
        /// speed decays with the time constant J·(R + R_DS)/kₜ² (1.5e-7 kg·m² × 3.7 Ω / 0.0052² ≈ 20 ms for the reference
        /// motor and cam, docs/control.md); a rotor that has not completed a revolution in 50 ms turns at most 2π/50 ms, and
        /// under brake less than half a revolution more (126 rad/s × 20 ms).
        /// </summary>
        public int BrakeStillMicros = 50000;

        /// <summary>
        /// Longest brake before the driver is put to sleep whatever the strokes say, microseconds: a braked rotor stops
        /// from the overspeed ceiling in well under this (measured worst 0.1 s, docs/safety/interlocks.md), and a hall
        /// sensor that cannot report strokes must not hold the driver awake for ever.
        /// </summary>
        public int BrakeMaxMicros = 300000;

        /// <summary>
        /// Most strokes a braked rotor can still make, counted from the start of the brake: under brake it turns at most
        /// ω₀·τ more, 225 strokes/s (the overspeed ceiling) × 20 ms (the brake time constant, above) = 4.5 strokes, so 10
        /// leaves twice the margin for a slower-braking pen and a stroke in progress. More strokes than this mean the bridge
        /// is not braking but driving (its PWM input or a gate driver stuck on): only nSLEEP low turns its FETs off, so the
        /// gate puts the driver to sleep at once and the rotor coasts.
        /// </summary>
        public int BrakeMaxStrokes = 10;

        /// <summary>True if every limit is in a sensible range (an invalid set keeps the motor off).</summary>
        public bool IsValid()
        {
            if (TickPeriodMicros <= 0 || OvercurrentAmps <= 0f || OverloadContinuousAmps <= 0f || OverloadBudgetA2s <= 0f) return false;
            if (OverloadContinuousAmps >= OvercurrentAmps) return false;
            if (StallMinDuty <= 0f || JamTimeoutMinMicros <= 0 || JamTimeoutMaxMicros < JamTimeoutMinMicros) return false;
            if (MotorResistanceOhms <= 0f || DriverCurrentLimitAmps <= 0f || JamStallFraction <= 0f || JamStallFraction >= 1f || JamDetectMicros <= 0) return false;
            if (!(JamProbeDuty > 0f) || JamProbeDuty > 1f || !(JamProbeTorqueNewtonMetres > 0f) || !(JamWindingAboveGripKelvin >= 0f) || !(JamEmfErrorFraction >= 0f)) return false;
            if (!(RotorInertiaMaxKgM2 > 0f)) return false;
            if (!(CamStrokeMm > 0f) || !(ToughSkinTentMm >= 0f) || !(PenNeedlePunctureNewtons > 0f) || !(PuncturePeakFactor >= 1f)) return false;
            if (!(DriveFrictionMaxNewtonMetres >= 0f) || !(DriveMotorConstantLossFraction >= 0f) || !(DriveMotorConstantLossFraction < 1f)) return false;
            if (OverspeedAbsolute <= 0f || OverspeedRelativeFactor < 1f) return false;
            if (DepthToleranceMm <= 0f || DerateStartCelsius >= OverTemperatureCelsius || OverTemperatureCelsius > 41f) return false;
            if (DerateMinFactor <= 0f || DerateMinFactor > 1f || BatteryDerateFactor <= 0f || BatteryDerateFactor > 1f) return false;
            if (UnderVoltageVolts >= BatteryDerateVolts || ThermistorShortRaw >= ThermistorOpenRaw) return false;
            if (MaxTickIntervalMicros <= TickPeriodMicros || ClockCheckTicks <= 0 || !(CurrentWhileOffAmps > 0f)) return false;
            if (SlowLoopTicks <= 0 || SlowLoopMeanIntervalMicros <= TickPeriodMicros || OverspeedSpanMicros <= 0) return false;
            if (BrakeStillMicros <= 0 || BrakeMaxMicros < BrakeStillMicros || BrakeMaxStrokes <= 0) return false;
            return true;
        }
    }
}
