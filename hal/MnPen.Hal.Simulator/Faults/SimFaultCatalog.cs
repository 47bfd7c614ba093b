namespace MnPen.Hal.Simulator.Faults;

/// <summary>The simulator's fault catalogue (listed by <c>mnpen sim --list-faults</c>; documented in docs/simulator.md).</summary>
public static class SimFaultCatalog
{
    /// <summary>Accepted by every fault: clear it automatically after this long (0 = until cleared).</summary>
    public static readonly SimFaultParameterInfo Duration =
        new("duration", "s", 0, 0, 3600, "clear automatically after this long; 0 = until cleared");

    private static SimFaultParameterInfo[] P(params SimFaultParameterInfo[] ps)
    {
        var all = new SimFaultParameterInfo[ps.Length + 1];
        Array.Copy(ps, all, ps.Length);
        all[ps.Length] = Duration;
        return all;
    }

    /// <summary>Every fault, in catalogue order.</summary>
    public static IReadOnlyList<SimFaultInfo> All { get; } = new[]
    {
        new SimFaultInfo("cartridge-removed", "The cartridge is pulled out of the pen.",
            "Presence switch opens, the ID memory leaves the 1-Wire bus, the needle load disappears (the rotor speeds up open-loop).",
            "Clearing re-seats the same cartridge.", P()),
        new SimFaultInfo("cartridge-jam", "The needle carrier seizes in the cartridge.",
            "The rotor is held against the given torque: it stalls within milliseconds, back-EMF vanishes and the winding current rises to the supply/resistance value or the driver's 2 A regulation.",
            "Clearing frees the carrier.",
            P(new SimFaultParameterInfo("torque", "N·m", 0.05, 0, 1, "torque the jam holds against (the motor's stall torque is about 0.01 N·m)"))),
        new SimFaultInfo("motor-short", "Short across the motor terminals (damaged lead or winding).",
            "The first PWM on-phase pushes the bridge current past 3.5 A inside the blanking time: the driver latches off and pulls nFAULT low; the rotor brakes through the short.",
            "Clearing removes the short; the latch still needs nSLEEP taken low.",
            P(new SimFaultParameterInfo("ohms", "Ω", 0.1, 0.001, 0.5, "resistance of the short (up to 0.5 Ω it outruns regulation even from a 6 V pack)"))),
        new SimFaultInfo("driver-fault", "The H-bridge reports an internal fault (thermal shutdown or charge-pump failure).",
            "Bridge outputs go high-impedance (the motor coasts, current 0) and nFAULT reads low while the fault lasts.",
            "Clearing lets the driver recover by itself (auto-retry, like thermal shutdown).", P()),
        new SimFaultInfo("current-sensor-stuck", "The current-sense ADC input freezes.",
            "Every conversion returns the same count whatever the real current (default: the reading at injection).",
            "Clearing restores live conversions.",
            P(new SimFaultParameterInfo("counts", "counts", -1, -1, 4095, "count to report; -1 = freeze the present reading"))),
        new SimFaultInfo("current-sensor-open", "The sense resistor or its trace is open.",
            "The ADC pin is pulled to ground by its bleed resistor: readings stay at 0-3 counts while the motor draws current.",
            "Clearing reconnects it.", P()),
        new SimFaultInfo("hall-dead", "The hall sensor stops switching.",
            "No stroke pulses reach the counter although the rotor turns (ground-truth strokes keep counting).",
            "Clearing restores pulses.", P()),
        new SimFaultInfo("depth-stuck", "The depth actuator seizes.",
            "The actuator (and the needle depth and feedback pot) stays where it is whatever the set-point.",
            "Clearing frees it; it then moves to the present set-point.", P()),
        new SimFaultInfo("ntc-open", "Thermistor lead open.",
            "The divider node is pulled to the reference: readings near 4095 counts (an impossibly cold temperature).",
            "Clearing reconnects it.", P()),
        new SimFaultInfo("ntc-short", "Thermistor shorted.",
            "The divider node is at ground: readings near 0 counts (an impossibly hot temperature).",
            "Clearing removes the short.", P()),
        new SimFaultInfo("ambient-overtemp", "The pen works in a hot environment (hot room, lamp, sun).",
            "The ambient temperature steps to the given value; the handpiece warms toward it with its thermal time constant (about 12 min), the NTC follows.",
            "Clearing restores the previous ambient; the handpiece cools with the same time constant.",
            P(new SimFaultParameterInfo("celsius", "°C", 50, -40, 125, "new ambient temperature"))),
        new SimFaultInfo("battery-sag", "Aged cells or a corroded contact add series resistance.",
            "Terminal voltage drops by load current × extra resistance: deep sag while the motor draws current, normal at rest.",
            "Clearing restores the pack's own resistance.",
            P(new SimFaultParameterInfo("ohms", "Ω", 1.5, 0, 20, "extra series resistance"))),
        new SimFaultInfo("brown-out", "The supply collapses (contact bounce on a drop, failing cell).",
            "Terminal voltage is held at the given value. Below 4.3 V the driver locks out (nFAULT low); below 3.6 V the processor is held in reset and restarts with ResetCause.BrownOut when the supply returns.",
            "Clearing (or the duration, default 50 ms) returns the pack's own voltage.",
            new[]
            {
                new SimFaultParameterInfo("volts", "V", 3.0, 0, 8.4, "supply voltage during the collapse"),
                new SimFaultParameterInfo("duration", "s", 0.05, 0, 3600, "how long the collapse lasts; 0 = until cleared"),
            }),
        new SimFaultInfo("storage-corrupt", "Bits flip in non-volatile storage (retention loss, radiation, bad block).",
            "The given number of seeded random bits flip across the stored files at injection time.",
            "Instant; nothing to clear (the damage stays until rewritten).",
            P(new SimFaultParameterInfo("bits", "bits", 8, 1, 100000, "number of bits to flip"))),
        new SimFaultInfo("storage-power-cut", "Power fails in the middle of a storage write.",
            "The next write stops after the given number of bytes; at that moment the whole pen loses power (processor off, driver asleep), and comes back with a power-on reset after the off time.",
            "Clearing disarms a cut that has not happened yet, or restores power at once.",
            P(new SimFaultParameterInfo("byte", "bytes", 0, 0, 1_000_000, "bytes that still land before the cut"),
              new SimFaultParameterInfo("off", "s", 0.1, 0, 3600, "time without power before the pen restarts; 0 = stays off until cleared or the power button"))),
        new SimFaultInfo("control-loop-overrun", "A control tick runs late (an interrupt storm, a long flash erase).",
            "The stepping loop delays the next firmware ticks by the given time: the physics runs on with the last outputs and the clock jumps.",
            "Clears itself after the given number of delayed ticks.",
            new[]
            {
                new SimFaultParameterInfo("delay", "µs", 50_000, 1, 10_000_000, "extra time before each affected tick (the 100 Hz loop trips on gaps over 35 ms with the driver on)"),
                new SimFaultParameterInfo("count", "ticks", 1, 1, 1_000_000, "number of ticks delayed"),
                Duration,
            }),
        new SimFaultInfo("hall-missing", "The hall switch misses passes of the cam magnet (weak magnet, a gap that grew, a switch near its operate point).",
            "Every Nth pass of the magnet does not operate the switch: that stroke makes no pulse (ground-truth strokes keep counting).",
            "Clearing restores every pulse.",
            P(new SimFaultParameterInfo("every", "pulses", 20, 2, 1000, "drop every Nth pulse (20 = 1 in 20: the counter reads 5 % low)"))),
        new SimFaultInfo("hall-extra", "The hall switch makes extra pulses (a stray field from the motor, the magnet rattling at release).",
            "Every Nth stroke the output operates again for 50 µs just after its release: one extra counted pulse.",
            "Clearing stops the extra pulses.",
            P(new SimFaultParameterInfo("every", "strokes", 10, 1, 1000, "an extra pulse every Nth stroke (10: the counter reads 10 % high)"))),
        new SimFaultInfo("hall-intermittent", "The hall switch's supply or ground lead is intermittent (cracked joint, worn flex).",
            "The switch loses power for the off time every period: its output is released, pulses inside a drop-out are lost, and a magnet in front of it at power-up (35 µs later) operates it again: an extra edge.",
            "Clearing ends the drop-outs.",
            P(new SimFaultParameterInfo("off", "ms", 4, 0.05, 1000, "length of each drop-out"),
              new SimFaultParameterInfo("period", "ms", 50, 1, 60000, "time from one drop-out to the next (must exceed off)"))),
        new SimFaultInfo("pot-offset", "The depth feedback potentiometer's wiper slips on its track.",
            "The feedback reads this many counts high (negative: low) while the actuator, and the needle, are where they are.",
            "Clearing restores the reading.",
            P(new SimFaultParameterInfo("counts", "counts", 80, -4095, 4095, "offset added to the potentiometer reading"))),
        new SimFaultInfo("mcu-clock-drift", "The processor's clock runs fast or slow (wrong crystal load, PLL set-up, a clock fallen back to the internal RC).",
            "Every time the firmware measures (its 10 ms ticks, loop checks, stroke periods) stretches or shrinks by the given amount; its own clock check, which counts ticks against the same clock, cannot see it. The hardware channel's window watchdog, on its own oscillator, sees the kicks arrive early or late.",
            "Clearing restores the clock's nominal rate.",
            P(new SimFaultParameterInfo("percent", "%", 50, -80, 200, "clock error: +50 = the processor's clock runs 50 % fast"))),
        new SimFaultInfo("driver-stuck-on", "The H-bridge conducts whatever the PWM (PWM input shorted high, or a gate driver stuck on).",
            "While nSLEEP is high the motor gets full duty: the rotor runs up toward its no-load speed (about 220 strokes/s in air from a full pack). nSLEEP low still turns every FET off (DRV8876 sleep mode), so the firmware's cut stops the drive.",
            "Clearing restores PWM control.", P()),
        new SimFaultInfo("actuator-runaway", "The depth actuator's drive sticks on (its driver output shorted to supply).",
            "The actuator drives toward its far stop (3.0 mm) at its slew limit (40 mm/s) whatever the set-point: the needles go deeper than set and past the cartridge's limit.",
            "Clearing restores control; the actuator returns to the set-point.", P()),
        new SimFaultInfo("partial-jam", "The needle carrier drags in the cartridge (debris, a bent needle) without seizing.",
            "The given friction torque adds to the load: the rotor keeps turning at the set rate but the motor draws more current (about 0.19 A per mN·m), heating the winding.",
            "Clearing frees the carrier.",
            P(new SimFaultParameterInfo("torque", "N·m", 0.006, 0, 0.02, "extra friction torque (the motor's torque at the driver's 2 A limit is about 0.0104 N·m)"))),
        new SimFaultInfo("battery-aged", "An aged pack near the end of its charge: capacity fade leaves less charge than the gauge showed, and its resistance has grown.",
            "The state of charge drops to the given value and the pack resistance rises by the given amount: the voltage is normal at rest but sags below the 6.0 V brown-out threshold while the motor draws current.",
            "Clearing restores the previous charge and resistance.",
            P(new SimFaultParameterInfo("soc", "0..1", 0.04, 0, 1, "state of charge after the fade (0.04: 6.36 V at rest, above the 6.2 V start limit)"),
              new SimFaultParameterInfo("ohms", "Ω", 1.5, 0, 5, "extra resistance: aged cells (several times the new 60 mΩ each) plus a worn contact"))),
        new SimFaultInfo("storage-write-fail", "The flash stops taking writes (worn-out sectors, a write-protected partition, a failing SPI flash).",
            "Every write from now on is lost: silently (reads still return the old content, as a worn NOR cell that no longer programs) or, with throws=1, with an I/O error from the file system.",
            "Clearing makes the flash take writes again; what was lost stays lost.",
            P(new SimFaultParameterInfo("throws", "0/1", 0, 0, 1, "1 = each write raises an I/O error; 0 = writes are silently dropped"))),
    };

    /// <summary>Fault names in catalogue order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    /// <summary>The entry with that name (case-insensitive), or null.</summary>
    public static SimFaultInfo? Find(string name)
    {
        foreach (var f in All)
            if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) return f;
        return null;
    }

    /// <summary>The entry with that name, or an ArgumentException that lists the valid names.</summary>
    public static SimFaultInfo Get(string name) =>
        Find(name ?? "") ?? throw new ArgumentException(
            $"unknown simulator fault '{name}'; known faults: {string.Join(", ", Names)} (mnpen sim --list-faults describes them)", nameof(name));
}
