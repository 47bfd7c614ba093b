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
        /// <summary>Nominal motor terminal resistance, ohms (motor data; hot winding is higher, which the fraction allows for).</summary>
        public float MotorResistanceOhms = 3.0f;
        /// <summary>The driver's cycle-by-cycle current regulation limit, amps.</summary>
        public float DriverCurrentLimitAmps = 2.0f;
        /// <summary>Current at or above this fraction of the stall current counts as a blocked rotor.</summary>
        public float JamStallFraction = 0.6f;
        /// <summary>Blocked-rotor current with no stroke for this long is a jam, microseconds.</summary>
        public int JamDetectMicros = 25000;

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
        /// <summary>Temperature trip (skin-contact parts must stay at or below 41 °C), °C.</summary>
        public float OverTemperatureCelsius = 40.5f;
        /// <summary>Duty factor at the trip temperature (linear from 1 at DerateStartCelsius).</summary>
        public float DerateMinFactor = 0.4f;
        /// <summary>Hysteresis for leaving derating and acknowledging an over-temperature, °C.</summary>
        public float TemperatureHysteresisCelsius = 1.0f;
        /// <summary>Thermistor raw counts at or above this read as open circuit.</summary>
        public int ThermistorOpenRaw = 4000;
        /// <summary>Thermistor raw counts at or below this read as short circuit.</summary>
        public int ThermistorShortRaw = 100;
        /// <summary>Persistence for temperature and thermistor faults, microseconds.</summary>
        public int TemperatureFaultMicros = 5000;

        /// <summary>Brown-out trip, volts.</summary>
        public float UnderVoltageVolts = 6.0f;
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
        /// <summary>Duty at or above which current must flow.</summary>
        public float CurrentPlausibleMinDuty = 0.15f;
        /// <summary>Persistence for the current plausibility check, microseconds.</summary>
        public int CurrentPlausibleMicros = 30000;
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

        /// <summary>True if every limit is in a sensible range (an invalid set keeps the motor off).</summary>
        public bool IsValid()
        {
            if (TickPeriodMicros <= 0 || OvercurrentAmps <= 0f || OverloadContinuousAmps <= 0f || OverloadBudgetA2s <= 0f) return false;
            if (OverloadContinuousAmps >= OvercurrentAmps) return false;
            if (StallMinDuty <= 0f || JamTimeoutMinMicros <= 0 || JamTimeoutMaxMicros < JamTimeoutMinMicros) return false;
            if (MotorResistanceOhms <= 0f || DriverCurrentLimitAmps <= 0f || JamStallFraction <= 0f || JamStallFraction >= 1f || JamDetectMicros <= 0) return false;
            if (OverspeedAbsolute <= 0f || OverspeedRelativeFactor < 1f) return false;
            if (DepthToleranceMm <= 0f || DerateStartCelsius >= OverTemperatureCelsius || OverTemperatureCelsius > 41f) return false;
            if (DerateMinFactor <= 0f || DerateMinFactor > 1f || BatteryDerateFactor <= 0f || BatteryDerateFactor > 1f) return false;
            if (UnderVoltageVolts >= BatteryDerateVolts || ThermistorShortRaw >= ThermistorOpenRaw) return false;
            if (MaxTickIntervalMicros <= TickPeriodMicros || ClockCheckTicks <= 0 || !(CurrentWhileOffAmps > 0f)) return false;
            if (SlowLoopTicks <= 0 || SlowLoopMeanIntervalMicros <= TickPeriodMicros || OverspeedSpanMicros <= 0) return false;
            return true;
        }
    }
}
