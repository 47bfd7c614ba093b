namespace MnPen.Safety
{
    /// <summary>
    /// Name, class, clear policy, cause, remedy and detection deadline of every FaultCode. Explicit switches (no
    /// reflection, no enum ToString: unreliable on nanoFramework). docs/faults.md and the protocol's fault table come from here.
    /// </summary>
    public static class FaultCatalog
    {
        /// <summary>Every code, in numeric order.</summary>
        public static readonly FaultCode[] All = new FaultCode[]
        {
            FaultCode.None,
            FaultCode.Overcurrent, FaultCode.Overload, FaultCode.DriverFault, FaultCode.CartridgeRemoved,
            FaultCode.CartridgeJam, FaultCode.Overspeed, FaultCode.DepthActuatorFault, FaultCode.DepthAboveLimit,
            FaultCode.OverTemperature, FaultCode.UnderVoltage, FaultCode.CurrentSensorImplausible, FaultCode.ThermistorOpen,
            FaultCode.ThermistorShort, FaultCode.HallSensorSilent, FaultCode.ControlLoopOverrun, FaultCode.WatchdogReset,
            FaultCode.CalibrationInvalid, FaultCode.SettingsInvalid, FaultCode.DriverEnableReadback,
            FaultCode.CurrentOffsetOutOfRange, FaultCode.ClockMismatch, FaultCode.StorageCorrupt, FaultCode.BatterySenseImplausible,
            FaultCode.HardwareChannelCut,
            FaultCode.StrokeSensorImplausible,
            FaultCode.CartridgeAbsent, FaultCode.CartridgeReused, FaultCode.CartridgeUnreadable, FaultCode.DepthNotReached,
            FaultCode.BatteryTooLowToStart, FaultCode.FaultPending, FaultCode.SelfTestPending, FaultCode.CartridgeTooHeavy,
            FaultCode.TemperatureDerating, FaultCode.BatteryDerating,
            FaultCode.BatteryLow, FaultCode.CalibrationDue, FaultCode.BrownOutReset,
        };

        /// <summary>Class by numeric range: 1xx hard trip, 2xx refusal, 3xx limiting, 4xx warning.</summary>
        public static FaultClass ClassOf(FaultCode code)
        {
            int n = (int)code;
            if (n >= 100 && n <= 199) return FaultClass.HardTrip;
            if (n >= 200 && n <= 299) return FaultClass.Refusal;
            if (n >= 300 && n <= 399) return FaultClass.Limiting;
            if (n >= 400 && n <= 499) return FaultClass.Warning;
            return FaultClass.None;
        }

        /// <summary>True if the code is one this catalogue describes.</summary>
        public static bool IsKnown(FaultCode code)
        {
            for (int k = 0; k < All.Length; k++)
                if (All[k] == code) return true;
            return false;
        }

        /// <summary>What clears the fault once its condition is gone.</summary>
        public static ClearPolicy PolicyOf(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.Overcurrent:
                case FaultCode.Overload:
                case FaultCode.DriverFault:
                case FaultCode.CartridgeRemoved:
                case FaultCode.CartridgeJam:
                case FaultCode.DepthAboveLimit:
                case FaultCode.OverTemperature:
                case FaultCode.UnderVoltage:
                case FaultCode.SettingsInvalid:
                    return ClearPolicy.Acknowledge;
                case FaultCode.Overspeed:
                case FaultCode.DepthActuatorFault:
                case FaultCode.ControlLoopOverrun:
                case FaultCode.WatchdogReset:
                    return ClearPolicy.PowerCycle;
                case FaultCode.CurrentSensorImplausible:
                case FaultCode.ThermistorOpen:
                case FaultCode.ThermistorShort:
                case FaultCode.HallSensorSilent:
                case FaultCode.CalibrationInvalid:
                case FaultCode.DriverEnableReadback:
                case FaultCode.CurrentOffsetOutOfRange:
                case FaultCode.ClockMismatch:
                case FaultCode.StorageCorrupt:
                case FaultCode.BatterySenseImplausible:
                case FaultCode.StrokeSensorImplausible:
                    return ClearPolicy.Service;
                // The two channels disagreed (the firmware saw no reason to stop): a power cycle re-runs the self-test.
                case FaultCode.HardwareChannelCut:
                    return ClearPolicy.PowerCycle;
                default:
                    return ClearPolicy.Automatic;
            }
        }

        /// <summary>Stable identifier used in the protocol, logs and docs.</summary>
        public static string Name(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.None: return "None";
                case FaultCode.Overcurrent: return "Overcurrent";
                case FaultCode.Overload: return "Overload";
                case FaultCode.DriverFault: return "DriverFault";
                case FaultCode.CartridgeRemoved: return "CartridgeRemoved";
                case FaultCode.CartridgeJam: return "CartridgeJam";
                case FaultCode.Overspeed: return "Overspeed";
                case FaultCode.DepthActuatorFault: return "DepthActuatorFault";
                case FaultCode.DepthAboveLimit: return "DepthAboveLimit";
                case FaultCode.OverTemperature: return "OverTemperature";
                case FaultCode.UnderVoltage: return "UnderVoltage";
                case FaultCode.CurrentSensorImplausible: return "CurrentSensorImplausible";
                case FaultCode.ThermistorOpen: return "ThermistorOpen";
                case FaultCode.ThermistorShort: return "ThermistorShort";
                case FaultCode.HallSensorSilent: return "HallSensorSilent";
                case FaultCode.ControlLoopOverrun: return "ControlLoopOverrun";
                case FaultCode.WatchdogReset: return "WatchdogReset";
                case FaultCode.CalibrationInvalid: return "CalibrationInvalid";
                case FaultCode.SettingsInvalid: return "SettingsInvalid";
                case FaultCode.DriverEnableReadback: return "DriverEnableReadback";
                case FaultCode.CurrentOffsetOutOfRange: return "CurrentOffsetOutOfRange";
                case FaultCode.ClockMismatch: return "ClockMismatch";
                case FaultCode.StorageCorrupt: return "StorageCorrupt";
                case FaultCode.BatterySenseImplausible: return "BatterySenseImplausible";
                case FaultCode.HardwareChannelCut: return "HardwareChannelCut";
                case FaultCode.StrokeSensorImplausible: return "StrokeSensorImplausible";
                case FaultCode.CartridgeAbsent: return "CartridgeAbsent";
                case FaultCode.CartridgeReused: return "CartridgeReused";
                case FaultCode.CartridgeUnreadable: return "CartridgeUnreadable";
                case FaultCode.DepthNotReached: return "DepthNotReached";
                case FaultCode.BatteryTooLowToStart: return "BatteryTooLowToStart";
                case FaultCode.FaultPending: return "FaultPending";
                case FaultCode.SelfTestPending: return "SelfTestPending";
                case FaultCode.CartridgeTooHeavy: return "CartridgeTooHeavy";
                case FaultCode.TemperatureDerating: return "TemperatureDerating";
                case FaultCode.BatteryDerating: return "BatteryDerating";
                case FaultCode.BatteryLow: return "BatteryLow";
                case FaultCode.CalibrationDue: return "CalibrationDue";
                case FaultCode.BrownOutReset: return "BrownOutReset";
                default: return "Unknown";
            }
        }

        /// <summary>What happened, for the user and the technician.</summary>
        public static string Cause(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.None: return "No fault is present.";
                case FaultCode.Overcurrent: return "Motor current rose above the instantaneous limit (short circuit, seized motor or failed current regulation).";
                case FaultCode.Overload: return "Motor current stayed above its continuous rating long enough to overheat the winding (I²t).";
                case FaultCode.DriverFault: return "The motor driver reported overcurrent or overtemperature on its fault line.";
                case FaultCode.CartridgeRemoved: return "The cartridge left its seat while the motor was driven.";
                case FaultCode.CartridgeJam: return "The motor was driven but no strokes came and the current was high: the needle mechanism is blocked.";
                case FaultCode.Overspeed: return "The stroke rate rose above the pen's ceiling or far above the set rate.";
                case FaultCode.DepthActuatorFault: return "The depth actuator did not reach its commanded position in time, or its position sensor reads out of range.";
                case FaultCode.DepthAboveLimit: return "The needle depth was commanded or measured above the cartridge's maximum.";
                case FaultCode.OverTemperature: return "The handpiece reached its temperature limit (skin-contact parts must stay at or below 41 °C).";
                case FaultCode.UnderVoltage: return "The battery fell below the brown-out threshold (6.0 V).";
                case FaultCode.CurrentSensorImplausible: return "The motor current read zero while the motor was driven, or current while the driver was off.";
                case FaultCode.ThermistorOpen: return "The handpiece temperature sensor reads open circuit.";
                case FaultCode.ThermistorShort: return "The handpiece temperature sensor reads short circuit.";
                case FaultCode.HallSensorSilent: return "The motor was driven and drew normal current but the stroke sensor gave no pulses.";
                case FaultCode.ControlLoopOverrun: return "The control loop missed its 1 ms period.";
                case FaultCode.WatchdogReset: return "The pen restarted because its watchdog expired or its control loop aborted on an unexpected error (the control loop stopped).";
                case FaultCode.CalibrationInvalid: return "The calibration record is missing, corrupt or out of range.";
                case FaultCode.SettingsInvalid: return "The settings record is missing, corrupt or out of range.";
                case FaultCode.DriverEnableReadback: return "The motor driver's enable line does not read back the level written (the motor could not be switched off by it).";
                case FaultCode.CurrentOffsetOutOfRange: return "The motor current sensor reads current while the motor is off.";
                case FaultCode.ClockMismatch: return "The control-tick timer and the microsecond clock disagree.";
                case FaultCode.StorageCorrupt: return "A stored record failed its checksum and could not be repaired.";
                case FaultCode.BatterySenseImplausible: return "The battery voltage reading is outside what the battery can produce.";
                case FaultCode.HardwareChannelCut: return "The hardware protective channel (cartridge switch, thermal comparator or window watchdog) cut the motor driver while the firmware was driving it.";
                case FaultCode.StrokeSensorImplausible: return "The stroke sensor counted fewer or more strokes than the motor turned (it misses pulses or adds false ones), so the stroke rate could not be trusted.";
                case FaultCode.CartridgeAbsent: return "No cartridge is seated.";
                case FaultCode.CartridgeReused: return "The seated cartridge has already been used.";
                case FaultCode.CartridgeUnreadable: return "The cartridge's ID memory could not be read or is not valid.";
                case FaultCode.DepthNotReached: return "The needle depth has not settled at its set-point yet.";
                case FaultCode.BatteryTooLowToStart: return "The battery is too low to start a session (below 6.2 V).";
                case FaultCode.FaultPending: return "A fault is latched and has not been cleared.";
                case FaultCode.SelfTestPending: return "The start-up self-test has not finished or did not pass.";
                case FaultCode.CartridgeTooHeavy: return "At the set depth the cartridge's needles puncture tough skin with more torque than the motor's stall push gives, so a start with the needles resting on the skin would stall (a false jam).";
                case FaultCode.TemperatureDerating: return "The handpiece is warm (38 °C or more): motor power is limited.";
                case FaultCode.BatteryDerating: return "The battery is low (below 6.4 V): motor power is limited.";
                case FaultCode.BatteryLow: return "The battery is getting low (below 6.6 V).";
                case FaultCode.CalibrationDue: return "The calibration is older than its service interval.";
                case FaultCode.BrownOutReset: return "The pen restarted after its supply dropped out.";
                default: return "Unknown fault code.";
            }
        }

        /// <summary>What to do about it.</summary>
        public static string Remedy(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.None: return "Nothing to do.";
                case FaultCode.Overcurrent: return "Lift the pen off the skin, check the cartridge turns freely, then acknowledge. If it repeats, send the pen for service.";
                case FaultCode.Overload: return "Let the pen rest a minute, use a lower rate or depth, then acknowledge.";
                case FaultCode.DriverFault: return "Check the cartridge turns freely, let the pen cool, then acknowledge. If it repeats, send the pen for service.";
                case FaultCode.CartridgeRemoved: return "Seat a cartridge firmly, then acknowledge and start again.";
                case FaultCode.CartridgeJam: return "Replace the cartridge (do not reuse it), then acknowledge.";
                case FaultCode.Overspeed: return "Switch the pen off and on. If it repeats, send the pen for service.";
                case FaultCode.DepthActuatorFault: return "Switch the pen off and on. If it repeats, send the pen for service.";
                case FaultCode.DepthAboveLimit: return "Set a depth within the cartridge's range, then acknowledge.";
                case FaultCode.OverTemperature: return "Let the handpiece cool below 37 °C, then acknowledge.";
                case FaultCode.UnderVoltage: return "Charge the battery, then acknowledge.";
                case FaultCode.CurrentSensorImplausible: return "Send the pen for service (motor current sensing).";
                case FaultCode.ThermistorOpen: return "Send the pen for service (temperature sensor wiring).";
                case FaultCode.ThermistorShort: return "Send the pen for service (temperature sensor wiring).";
                case FaultCode.HallSensorSilent: return "Send the pen for service (stroke sensor).";
                case FaultCode.ControlLoopOverrun: return "Switch the pen off and on. If it repeats, send the pen for service.";
                case FaultCode.WatchdogReset: return "Switch the pen off and on. If it repeats, send the pen for service.";
                case FaultCode.CalibrationInvalid: return "Have a technician recalibrate the pen (mnpen calibrate).";
                case FaultCode.SettingsInvalid: return "Settings were reset to defaults: check them, then acknowledge.";
                case FaultCode.DriverEnableReadback: return "Send the pen for service (motor driver).";
                case FaultCode.CurrentOffsetOutOfRange: return "Send the pen for service (motor current sensing).";
                case FaultCode.ClockMismatch: return "Send the pen for service (processor clock).";
                case FaultCode.StorageCorrupt: return "Send the pen for service (memory).";
                case FaultCode.BatterySenseImplausible: return "Send the pen for service (battery sensing).";
                case FaultCode.HardwareChannelCut: return "Let the pen cool, check the cartridge, then switch the pen off and on. If it repeats, send the pen for service (processor clock or sensing).";
                case FaultCode.StrokeSensorImplausible: return "Send the pen for service (stroke sensor, its magnet or its wiring).";
                case FaultCode.CartridgeAbsent: return "Seat a new cartridge.";
                case FaultCode.CartridgeReused: return "Seat a new, unused cartridge.";
                case FaultCode.CartridgeUnreadable: return "Reseat the cartridge; if it still fails, use another cartridge.";
                case FaultCode.DepthNotReached: return "Wait a moment and start again; if it persists, switch the pen off and on.";
                case FaultCode.BatteryTooLowToStart: return "Charge the battery.";
                case FaultCode.FaultPending: return "Read the latched fault, remedy it and acknowledge.";
                case FaultCode.SelfTestPending: return "Wait for the start-up self-test; if it failed, read its faults.";
                case FaultCode.CartridgeTooHeavy: return "Set a shallower depth (pen needles: at most 0.5 mm for 24 needles, 0.3 mm for 36; 16 or fewer run at any depth) or use a cartridge with fewer needles.";
                case FaultCode.TemperatureDerating: return "Let the handpiece rest or use a lower rate.";
                case FaultCode.BatteryDerating: return "Charge the battery soon.";
                case FaultCode.BatteryLow: return "Charge the battery after this session.";
                case FaultCode.CalibrationDue: return "Have the pen recalibrated at the next service.";
                case FaultCode.BrownOutReset: return "Charge the battery; check the battery contacts.";
                default: return "Report the code to service.";
            }
        }

        /// <summary>
        /// Longest time from a condition arising to the motor being cut by the tick that sees it, microseconds: the
        /// condition waits for the next tick (one 10 ms period plus the worst wake-up jitter, 2.5 ms, or a period missed
        /// to a GC pause, 10 ms more), and that tick's outputs reach the pins after its execution time (3.5 ms) and a GC
        /// pause inside it (8 ms): 34 ms, rounded up (docs/safety/interlocks.md, "Deadlines per channel").
        /// </summary>
        public const int LoopReactionMicros = 35000;

        /// <summary>
        /// Longest time from the fault condition arising to the motor being cut, microseconds (0 = not timed: refusals,
        /// warnings, boot checks): the check's own persistence or window plus LoopReactionMicros.
        /// </summary>
        public static int DetectionDeadlineMicros(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.Overcurrent:
                case FaultCode.DriverFault:
                case FaultCode.CartridgeRemoved:
                case FaultCode.CalibrationInvalid:
                case FaultCode.SettingsInvalid:
                    return LoopReactionMicros;
                case FaultCode.CartridgeJam: return 25000 + 20000 + LoopReactionMicros;
                case FaultCode.Overspeed: return 200000 + 50000 + LoopReactionMicros;
                case FaultCode.HallSensorSilent: return 150000 + 15000 + LoopReactionMicros;
                case FaultCode.Overload: return 1000000;
                case FaultCode.DepthActuatorFault: return 250000 + 65000 + LoopReactionMicros;
                case FaultCode.DepthAboveLimit:
                case FaultCode.OverTemperature:
                case FaultCode.ThermistorOpen:
                case FaultCode.ThermistorShort:
                case FaultCode.UnderVoltage:
                case FaultCode.BatterySenseImplausible:
                    return 15000 + LoopReactionMicros;
                case FaultCode.CurrentSensorImplausible: return 20 * 12500 + 15000 + LoopReactionMicros;
                case FaultCode.ControlLoopOverrun: return LoopReactionMicros;
                case FaultCode.DriverEnableReadback: return 12500 + LoopReactionMicros;
                // The gated nSLEEP falls 23.3 ms (13.6..39.3 ms: RC tolerance and the 74LVC1G17's V_T- spread,
                // ProtectiveChannelParameters.SleepDelayMicros) after the gate opened; two ticks of disagreement then.
                case FaultCode.HardwareChannelCut: return 39300 + 12500 + LoopReactionMicros;
                // A sensor off by 10 % of its pulses: its mismatch grows by 5 strokes/s at 50 /s past an allowance of at most
                // 2 + 3 % of 150 strokes (6.5), 1.3 s, plus a 100 ms bucket, a second check and the loop's reaction.
                case FaultCode.StrokeSensorImplausible: return 1300000 + 100000 + 100000 + LoopReactionMicros;
                default: return 0;
            }
        }

        /// <summary>How the fault is detected and how fast, for the reaction table.</summary>
        public static string Detection(FaultCode code)
        {
            switch (code)
            {
                case FaultCode.Overcurrent: return "Current > 2.15 A or sense saturated, single sample, every tick.";
                case FaultCode.Overload: return "I²t above 1.0 A exceeds 1.5 A²s (0.5 s at 2 A; never at or below 1.0 A).";
                case FaultCode.DriverFault: return "nFAULT low, single sample, every tick.";
                case FaultCode.CartridgeRemoved: return "Presence switch open while duty is requested or applied, single sample.";
                case FaultCode.CartridgeJam: return "Duty ≥ 0.12 with blocked-rotor current (≥ 0.6 × duty × battery / 3 Ω, at most 2 A) and no stroke for 25 ms; or no stroke for 2 stroke periods + 20 ms (40-130 ms; 150 ms from standstill) with that current.";
                case FaultCode.Overspeed: return "Rate over at least 200 ms of hardware-timed counter reads above 170 /s twice in a row, or above 1.3 × target + 15 /s for 300 ms, or more than 10 strokes while the driver brakes after a stop (the bridge drives instead of braking).";
                case FaultCode.DepthActuatorFault: return "Position off command by > 0.3 mm for 250 ms (full-travel move: < 200 ms), or feedback out of range for 3 ms.";
                case FaultCode.DepthAboveLimit: return "While driven: command above the cartridge limit (at once) or position above limit + 0.1 mm for 3 ms.";
                case FaultCode.OverTemperature: return "Thermistor reads ≥ 40.5 °C for 5 ms (derating from 38 °C): the motor is cut before skin-contact parts reach 41 °C at any realistic heating rate (the bead lags the handpiece by its 1.5 s time constant).";
                case FaultCode.ThermistorOpen: return "Thermistor ≥ 4000 counts for 5 ms.";
                case FaultCode.ThermistorShort: return "Thermistor ≤ 100 counts for 5 ms.";
                case FaultCode.UnderVoltage: return "Battery < 6.0 V for 5 ms (two 10 ms samples: a dip of 15 ms or more is caught).";
                case FaultCode.BatterySenseImplausible: return "Battery reading outside 3.0-9.2 V for 5 ms.";
                case FaultCode.HardwareChannelCut: return "Every tick: the gated nSLEEP net, read on its own pin, low for 2 ticks while the firmware commands the driver on.";
                case FaultCode.StrokeSensorImplausible: return "Counted pulses against the strokes implied by back-EMF ((duty × supply − I·R) / 2πkₑ) over 150 expected strokes (≤ 3.2 s), judged every 100 ms: off by more than 2 strokes + 3 % twice in a row, or a learned ratio outside 0.85-1.15.";
                case FaultCode.CurrentSensorImplausible: return "Duty ≥ 0.15 (scaled by the pen's measured kₑ over the nominal 0.0052 V·s/rad) and current < 0.02 A for 30 ms, unless the rotor may be outrunning its drive (its back-EMF bound from the last current, braked back along the slowest 35 ms mechanical time constant); the same raw count 20 ticks in a row while any duty is applied (frozen converter); or > 0.3 A with the driver off for 30 ms.";
                case FaultCode.HallSensorSilent: return "Duty ≥ 0.12, no stroke for 2 stroke periods + 20 ms (40-130 ms; 150 ms from standstill), current below the blocked-rotor level (rotor turning).";
                case FaultCode.ControlLoopOverrun: return "Tick gap > 35 ms while the motor driver is on (in the first tick after the gap), mean interval over 10 driven ticks > 20 ms (a loop at a third of its rate trips within 300 ms), or 5 consecutive ticks longer than 10 ms; gaps with the driver off are counted, not tripped.";
                case FaultCode.WatchdogReset: return "Self-test at boot: reset cause is the watchdog, or the loop-abort marker the control loop writes before rebooting on an unexpected exception.";
                case FaultCode.CalibrationInvalid: return "Self-test CRC at boot; validity flag every tick.";
                case FaultCode.SettingsInvalid: return "Self-test CRC at boot; validity flag every tick.";
                case FaultCode.DriverEnableReadback: return "Self-test drives enable high/low at zero duty; every tick read-back must match for 2 ticks.";
                case FaultCode.CurrentOffsetOutOfRange: return "Self-test: mean of 8 samples at rest > 40 counts.";
                case FaultCode.ClockMismatch: return "Self-test over 20 ticks: the ticks of about one period (10 ms) must span their count × 10 ms ± 10 % of the microsecond clock, and be at least half of them.";
                case FaultCode.StorageCorrupt: return "Self-test: storage CRC results at boot.";
                default: return "Checked before start (refusal) or reported as information.";
            }
        }
    }
}
