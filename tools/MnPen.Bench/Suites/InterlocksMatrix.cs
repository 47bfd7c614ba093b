using MnPen.Firmware;
using MnPen.Safety;
using MnPen.Storage;
using MnPen.VirtualPen;
using MnPen.VirtualPen.Factory;

namespace MnPen.Bench.Suites;

/// <summary>
/// Fault-injection matrix on the virtual pen: every simulator fault × every operating state × random onsets, parameters
/// and seeds. Per run it checks that the safe state (supervisor latched, motor not driven) comes within the deadline,
/// that the motor never runs again without a new start (also across an acknowledgement), and that the fault code is right;
/// and, from the physics alone (<see cref="NeedleWatch"/>), that the needle stopped: no entry into the skin later than the
/// deadline plus the plan's run-down after the onset, and never deeper than the set depth plus the depth tolerance (where the plan judges depth).
/// </summary>
public static class InterlocksMatrix
{
    /// <summary>
    /// Slack on every deadline, ms: the simulator applies a fault at the end of its 200 µs physics substep and the pin
    /// follows in the next one, so an onset late in a control period can reach the firmware one substep after the tick.
    /// </summary>
    public static readonly double ToleranceMs = MnPen.Hal.Simulator.Parameters.SimParameters.Default().SubstepMicros / 1000.0;


    private static readonly int UnderVoltagePersistence = new SafetyLimits().UnderVoltageMicros;

    // The true supply an under-voltage trip answers: over the time the matrix allows from the supply falling below the
    // stated voltage to the latch (the onset's persistence and sample, then the UnderVoltage detection deadline), plus
    // one physics substep. A supply below the stated voltage for all of that time means the trip came at a voltage the
    // pen should never have run at.
    private static readonly ulong UnderVoltageWindowMicros = (ulong)(UnderVoltagePersistence + PenFirmware.TickPeriodMicros)
        + (ulong)FaultCatalog.DetectionDeadlineMicros(FaultCode.UnderVoltage) + (ulong)MnPen.Hal.Simulator.Parameters.SimParameters.Default().SubstepMicros;

    /// <summary>How far past the set depth the needle may ever go, mm: the depth bench's accuracy limit (bench spec).</summary>
    public static double DepthToleranceMm => Spec.BenchSpec.Current.Limit("depth", "error");

    /// <summary>Handpiece temperature at which the motor must already be off, °C.</summary>
    public const double SkinLimitCelsius = 41.0;

    private static readonly Lazy<Calibration> FactoryCalibration =
        new(() => FactoryCalibrator.Measure(new VirtualPenOptions { Seed = 1 }), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The cases a run with these options executes, in order (deterministic for a seed).</summary>
    public static IReadOnlyList<InterlocksCase> Cases(InterlocksMatrixOptions o)
    {
        if (o.Channel == SafetyChannel.None) throw new ArgumentException("channel must be hardware, firmware or both");
        // A single channel runs the hazards it claims (and the no-fault control): each must stop the needle alone.
        var plans = InterlocksFaultPlan.All.Where(p => o.Faults == null || o.Faults.Contains(p.Fault, StringComparer.OrdinalIgnoreCase))
            .Where(p => p.Fault == "(none)" || (p.Claims & o.Channel) != 0).ToArray();
        var states = (o.States ?? Enum.GetValues<OperatingState>()).ToArray();
        if (plans.Length == 0) throw new ArgumentException("no fault matches; known: " + string.Join(", ", InterlocksFaultPlan.All.Select(p => p.Fault)));
        // Slots: each plan Weight times per block; the state advances per block so every plan meets every state.
        var slots = plans.SelectMany(p => Enumerable.Repeat(p, p.Weight)).ToArray();
        var cases = new InterlocksCase[o.Injections];
        for (int i = 0; i < cases.Length; i++)
        {
            var plan = slots[i % slots.Length];
            var state = states[(i / slots.Length) % states.Length];
            ulong seed = unchecked(o.Seed * 1_000_003UL + (ulong)i);
            var rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
            double window = state switch
            {
                OperatingState.Idle => 0.05,
                OperatingState.RampUp => 0.12,
                OperatingState.DepthChange => 0.2,
                OperatingState.Stopping => 0.03,
                _ => 0.1,
            };
            cases[i] = new InterlocksCase
            {
                Plan = plan,
                State = state,
                Platform = o.Platform,
                Channel = o.Channel,
                BypassedPaths = o.BypassedPaths,
                BlindedSensing = o.Channel == SafetyChannel.Hardware ? FirmwareSense.All : o.BlindedSensing,
                Seed = seed,
                Pen = o.Population?.At(i % o.Population.Count),
                OnsetOffsetSeconds = rng.NextDouble() * window + 1e-6,
                Parameters = plan.Draw(rng),
                NewDepthMm = Math.Round(0.2 + rng.NextDouble() * 2.2, 2),
                StartDelaySeconds = 0.005 + rng.NextDouble() * 0.2,
            };
        }
        return cases;
    }

    /// <summary>Runs every case (in parallel) and summarises per interlock.</summary>
    public static InterlocksReport Run(InterlocksMatrixOptions o, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var cases = Cases(o);
        var outcomes = new InterlocksOutcome[cases.Count];
        int done = 0;
        var started = DateTime.UtcNow;
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelism), CancellationToken = cancel }, i =>
        {
            outcomes[i] = RunOne(cases[i]);
            int d = Interlocked.Increment(ref done);
            progress?.Invoke(d, cases.Count);
        });
        return InterlocksReport.From(outcomes, o, DateTime.UtcNow - started);
    }

    /// <summary>Runs one injection on a fresh virtual pen.</summary>
    public static InterlocksOutcome RunOne(InterlocksCase c)
    {
        var outcome = new InterlocksOutcome { Case = c };
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Execute(c, outcome);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            outcome.Failure ??= "run aborted: " + e.Message;
        }
        outcome.WallMs = sw.Elapsed.TotalMilliseconds;
        return outcome;
    }

    private static VirtualPen.VirtualPen NewPen(InterlocksCase c)
    {
        var options = new VirtualPenOptions
        {
            Seed = c.Seed,
            FactoryCalibration = false,
            AmbientCelsius = c.Plan.AmbientCelsius ?? 22.0,
            Platform = c.Platform,
            HardwareChannel = c.Channel != SafetyChannel.Firmware,
            FirmwareFactory = c.BlindedSensing != FirmwareSense.None ? BlindFirmware.Factory(c.BlindedSensing) : null,
        };
        var pen = VirtualPen.VirtualPen.Create(c.Pen?.Apply(options) ?? options);
        var channel = pen.Board.Protective;
        channel.CartridgePathBypassed = (c.BypassedPaths & MnPen.Hal.Simulator.Physics.ProtectivePath.Cartridge) != 0;
        channel.Thermal.Bypassed = (c.BypassedPaths & MnPen.Hal.Simulator.Physics.ProtectivePath.Thermal) != 0;
        channel.Watchdog.Bypassed = (c.BypassedPaths & MnPen.Hal.Simulator.Physics.ProtectivePath.Watchdog) != 0;
        // The reference pen's one factory calibration serves every reference board (they differ only in noise seeds);
        // a population pen brings its own, measured once through its own sensors.
        var store = new PenStore(pen.Board.Pen);
        if (store.SaveCalibration(c.Pen?.Calibration ?? FactoryCalibration.Value) != StoreWriteResult.Ok)
            throw new InvalidOperationException("calibration could not be stored: " + store.LastError);
        store.Events.Flush();
        pen.Board.ForgetBlockedTime();   // factory writes: before this pen's life, not part of the run
        // Only a replay asks for this pen (plots, --trace); 10,000 injections are never traced one by one.
        Runner.BenchTrace.OnThisThread?.Invoke(pen);
        return pen;
    }

    // A driver stuck on conducts whatever the PWM: then the enable line alone decides whether the motor is driven.
    private static bool Driven(VirtualPen.VirtualPen pen) => pen.Board.DriverEnabled && (pen.Board.MotorPwm.EffectiveDuty > 0 || pen.Board.Bridge.StuckOn);

    // What the bridge really does (through the hardware channel and the driver's own protection), whatever the pins say.
    private static bool BridgeDriven(VirtualPen.VirtualPen pen) => pen.Board.BridgeDriving;

    private static void Execute(InterlocksCase c, InterlocksOutcome r)
    {
        var plan = c.Plan;
        var pen = NewPen(c);
        pen.Boot();
        c.Configure?.Invoke(pen.Firmware);
        if (!pen.RunUntil(() => pen.Firmware.State == PenState.Ready, 1.0))
        {
            r.Failure = $"pen not ready before injection (state {pen.Firmware.State}, fault {FaultCatalog.Name(pen.Firmware.ActiveFault)})";
            return;
        }
        double setDepth = pen.Firmware.DepthControl.TargetMm;
        if (!Prepare(pen, c, out string? why))
        {
            r.Failure = "could not reach the operating state: " + why;
            return;
        }
        if (pen.Firmware.Safety.Tripped)
        {
            r.Failure = "tripped before injection: " + FaultCatalog.Name(pen.Firmware.Safety.ActiveFault);
            return;
        }

        setDepth = Math.Max(setDepth, pen.Firmware.DepthControl.TargetMm);
        double injectAt = pen.NowSeconds + c.OnsetOffsetSeconds;
        ulong inj = (ulong)Math.Round(injectAt * 1e6);
        r.InjectedAtMicros = inj;
        if (plan.Fault != "(none)")
        {
            var ps = plan.ParameterNames.Zip(c.Parameters, (n, v) => new KeyValuePair<string, double>(n, v)).ToArray();
            pen.Board.Faults.InjectAt(plan.Fault, injectAt, ps);
        }

        bool hardwareOnly = c.Channel == SafetyChannel.Hardware;
        // The hardware channel alone, or a hazard only the hardware claims: judged on the bridge, not the firmware's pins.
        bool physical = hardwareOnly || (plan.Claims & SafetyChannel.Firmware) == 0;
        bool requiredHere = plan.Onset != InjectionOnset.None && (plan.RequiredIn == null || plan.RequiredIn.Contains(c.State))
                            && !(hardwareOnly && plan.HardwareRequired != null && !plan.HardwareRequired(c.Parameters));
        double deadline = hardwareOnly && plan.HardwareDeadlineMs != null ? plan.HardwareDeadlineMs(c.Parameters) : plan.DeadlineMs(c.Parameters);
        r.DeadlineMs = deadline;
        // The window covers the longer run-down wherever the hardware channel may be the one that cuts.
        double windowRunDownMs = hardwareOnly || (plan.Claims & SafetyChannel.Hardware) != 0 ? Math.Max(plan.RunDownMs, plan.HardwareRunDownMs) : plan.RunDownMs;
        // The window also covers the needle's run-down: the run ends once the safe state has lasted 5 ms and the rotor stands.
        ulong end = inj + (ulong)Math.Round(plan.WindowSeconds * 1e6 + windowRunDownMs * 1e3);
        ulong? onset = null, safeAt = null, lowSince = null, safeSince = null, hardwareCutAt = null, firmwareTripAt = null;
        bool startPressed = c.State != OperatingState.Idle, wasDriven = physical ? BridgeDriven(pen) : Driven(pen), afterInjection = false;
        FaultCode code = FaultCode.None;
        string? unsafeWhy = null;
        // The bridge can stop inside a firmware step (a gate, a latch, a stalled loop): sample it every physics substep.
        ulong? bridgeStoppedSince = null, bridgeCutAt = null, gateOpenAwakeAt = null;
        using var probe = pen.Board.Samplers.Add((ulong)pen.Board.Parameters.SubstepMicros, pen.NowMicros, t =>
        {
            bool d = BridgeDriven(pen);
            if (d) bridgeStoppedSince = null;
            else bridgeStoppedSince ??= t;
            if (bridgeCutAt == null && t >= inj && !d && Driven(pen)) bridgeCutAt = t;
            // The gate opening while the MCU still holds nSLEEP high (driving or braking): nSLEEP falls after the RC delay.
            if (gateOpenAwakeAt == null && t >= inj && !pen.Board.Protective.GateOk && pen.Board.DriverEnabled) gateOpenAwakeAt = t;
        });
        var truth = new InterlocksTruth(pen.Board.NeedleDepthMm);

        var needle = new NeedleWatch(pen.Board, inj);
        var supply = new SupplyWindow(UnderVoltageWindowMicros);
        bool uvTripSeen = false;
        while (pen.NowMicros < end)
        {
            pen.Step();
            ulong now = pen.NowMicros;
            var fw = pen.Firmware;
            needle.Sample();
            supply.Add(now, pen.Board.BatteryTerminalVolts, Driven(pen) && BridgeDriven(pen));
            // Only a trip that stops a running pen counts (driven within the last tick): a motor already stopped (braked,
            // asleep, the loop paused for a flash write) runs nothing at the low voltage, whatever the trip's timing.
            // Judged at the first trip only, and only if under-voltage was that trip's cause (the trip that stopped the pen).
            if (!uvTripSeen && fw.Safety.Tripped)
            {
                uvTripSeen = true;
                if (plan.JudgeUnderVoltageTrip && fw.Safety.ActiveFault == FaultCode.UnderVoltage && supply.DrivenSince(now - Math.Min(now, (ulong)PenFirmware.TickPeriodMicros))) r.UnderVoltageTripVolts = supply.Highest;
            }
            setDepth = Math.Max(setDepth, fw.DepthControl.TargetMm);
            bool pinsDriven = Driven(pen);
            bool driven = physical ? BridgeDriven(pen) : pinsDriven;
            if (!startPressed && now >= inj + (ulong)(c.StartDelaySeconds * 1e6))
            {
                fw.RequestStart();
                startPressed = true;
            }
            if (now < inj) { wasDriven = driven; continue; }
            if (!afterInjection)
            {
                afterInjection = true;
                if (plan.RequiresDepthTravelMm > 0 && Math.Abs(fw.Status.DepthTargetMm - pen.Board.NeedleDepthMm) < plan.RequiresDepthTravelMm)
                    requiredHere = false;
            }
            if (pinsDriven || BridgeDriven(pen) || needle.Moving)
                r.PeakRunningCelsius = double.IsNaN(r.PeakRunningCelsius) ? pen.Board.HandpieceCelsius : Math.Max(r.PeakRunningCelsius, pen.Board.HandpieceCelsius);
            if (code == FaultCode.None && fw.Safety.Tripped) code = fw.Safety.ActiveFault;
            if (firmwareTripAt == null && fw.Safety.Tripped) firmwareTripAt = now;
            if (hardwareCutAt == null && bridgeCutAt != null) hardwareCutAt = bridgeCutAt;

            if (requiredHere && onset == null)
            {
                switch (plan.Onset)
                {
                    case InjectionOnset.Injection: onset = inj; break;
                    case InjectionOnset.FirstDrive:
                        // Driven at the injection: from the injection, unless that very tick was an ordinary stop.
                        // (Judged on the bridge, a hardware cut inside the step looks like a stop: it counts from the injection.)
                        if (wasDriven && (driven || fw.Safety.Tripped || plan.MayResetProcessor || (physical && hardwareCutAt != null))) onset = inj;
                        else if (driven) onset = now;
                        break;
                    case InjectionOnset.BatteryBelowThreshold:
                        if (pen.Board.BatteryTerminalVolts < 6.0) lowSince ??= now; else lowSince = null;
                        // A dip is a fault once it outlasts the persistence on 10 ms samples: two low samples need 15 ms.
                        if (lowSince != null && now - lowSince.Value >= (ulong)(UnderVoltagePersistence + PenFirmware.TickPeriodMicros)) onset = lowSince;
                        break;
                    case InjectionOnset.HandpieceHot:
                        if (pen.Board.HandpieceCelsius >= 40.5) onset = now;
                        break;
                    case InjectionOnset.TrueOverspeed:
                    case InjectionOnset.DepthBeyondSet:
                    case InjectionOnset.TrueOverload:
                        onset = truth.Onset(plan.Onset, pen, now);
                        break;
                }
            }
            wasDriven = driven;

            bool safe = plan.MayResetProcessor || physical ? !driven : !driven && fw.Safety.Tripped;
            // An onset found after the fact (the battery has been low for the persistence time) may lie inside a
            // step the firmware spent blocked (a flash write): if the pen was already safe then, it reacted at once.
            if (!safe) safeSince = null;
            else safeSince ??= physical && bridgeStoppedSince != null && bridgeStoppedSince <= now ? bridgeStoppedSince : now;
            if (onset != null && safeAt == null && safe)
            {
                safeAt = safeSince!.Value > onset.Value ? safeSince.Value : onset.Value;
                r.ReactionMs = (safeAt.Value - onset.Value) / 1000.0;
            }
            if (driven && unsafeWhy == null)
            {
                if (safeAt != null) unsafeWhy = $"motor driven again {(now - safeAt.Value) / 1000.0:0.###} ms after the safe state, without a new start";
                else if (onset != null && (now - onset.Value) / 1000.0 > deadline + ToleranceMs) unsafeWhy = $"motor still driven {deadline:0.###} ms after onset";
                else if (pen.Board.HandpieceCelsius > SkinLimitCelsius) unsafeWhy = $"motor driven with the handpiece at {pen.Board.HandpieceCelsius:0.00} °C";
            }
            // After a hardware cut the firmware needs the gated net's fall (13.6-39.3 ms) and two ticks to latch its own code.
            if (safeAt != null && now > safeAt.Value + (physical ? 100_000UL : 5_000UL) && !needle.Moving) break;
        }

        r.ReactionRequired = onset != null;
        r.SimSeconds = pen.NowSeconds;
        r.Code = code;
        if (hardwareCutAt != null || firmwareTripAt != null)
            r.ActedFirst = firmwareTripAt == null || (hardwareCutAt != null && hardwareCutAt <= firmwareTripAt) ? "hardware" : "firmware";
        var last = pen.Firmware;
        if (last.Safety.Tripped && !hardwareOnly)
        {
            // A clear must never restart the motor, even while the user keeps pressing acknowledge.
            for (int k = 0; k < 100; k++)
            {
                last.AcknowledgeFault();
                pen.Step();
                needle.Sample();
                last = pen.Firmware;
                if ((physical ? BridgeDriven(pen) : Driven(pen)) && unsafeWhy == null) unsafeWhy = "motor ran after an acknowledgement without a new start";
            }
        }

        r.SetDepthMm = setDepth;
        r.DeepestPenetrationMm = needle.DeepestMm;
        if (onset != null)
        {
            // A hardware cut drops nSLEEP 13.6-39.3 ms after EN and holds it (the watchdog's fault memory, the comparator) so
            // the firmware cannot brake after it: where the hardware cut first, the rotor coasts.
            bool hardwareCutFirst = hardwareCutAt != null && (firmwareTripAt == null || hardwareCutAt <= firmwareTripAt);
            // The gate opening during the firmware's own brake (its loop stalled again, the watchdog missed its kick) also
            // ends in a coast: nSLEEP falls after the RC delay whatever the firmware does, so the stop is the hardware's.
            double stillMs = needle.StillMsAfter(onset.Value);
            bool hardwareEndsTheStop = gateOpenAwakeAt != null && (double.IsNaN(stillMs) || gateOpenAwakeAt.Value <= onset.Value + (ulong)(stillMs * 1000));
            r.NeedleDeadlineMs = deadline + (hardwareOnly || hardwareCutFirst || hardwareEndsTheStop ? Math.Max(plan.RunDownMs, plan.HardwareRunDownMs) : plan.RunDownMs);
            r.StrokesAfterOnset = needle.StrokesAfter(onset.Value);
            r.PenetrationsAfterOnset = needle.EntriesAfter(onset.Value);
            r.NeedleStillMs = needle.StillMsAfter(onset.Value);
            r.LastEntryMs = needle.LastEntryMsAfter(onset.Value);
            if (unsafeWhy == null && double.IsNaN(r.NeedleStillMs)) unsafeWhy = "the needle was still moving at the end of the window";
            else if (unsafeWhy == null && r.LastEntryMs > r.NeedleDeadlineMs + ToleranceMs)
                unsafeWhy = $"the needle entered the skin {r.LastEntryMs:0.###} ms after onset (needle deadline {r.NeedleDeadlineMs:0.###} ms)";
        }
        if (unsafeWhy == null && plan.JudgeDepthAgainstSet && needle.DeepestMm > setDepth + DepthToleranceMm)
            unsafeWhy = $"the needle went {needle.DeepestMm:0.###} mm into the skin, set depth {setDepth:0.###} mm + {DepthToleranceMm:0.###} mm";
        // Ground truth for the two sensing claims (docs/safety/sensing-budget.md): the needle guide never passes 41 °C
        // while the needle runs, and no under-voltage trip answers a supply already below the stated voltage.
        if (unsafeWhy == null && plan.Onset == InjectionOnset.HandpieceHot && r.PeakRunningCelsius > SkinLimitCelsius)
            unsafeWhy = $"the needle guide reached {r.PeakRunningCelsius:0.00} °C while the needle ran (limit {SkinLimitCelsius:0.0} °C)";
        if (unsafeWhy == null && r.UnderVoltageTripVolts < SafetyLimits.UnderVoltageStatedVolts)
            unsafeWhy = $"under-voltage trip with the battery at {r.UnderVoltageTripVolts:0.000} V for the whole detection deadline before it, below the stated {SafetyLimits.UnderVoltageStatedVolts:0.0} V";
        if (unsafeWhy != null)
        {
            r.Unsafe = true;
            r.Failure = unsafeWhy;
            return;
        }
        if (requiredHere && plan.Onset == InjectionOnset.HandpieceHot && onset == null)
        {
            r.Failure = "the handpiece never reached 40.5 °C within the window (test set-up)";
            return;
        }
        if (onset != null && safeAt == null) { r.Failure = "no safe state within the window"; return; }
        if (onset != null && r.ReactionMs > deadline + ToleranceMs) { r.Failure = $"reaction {r.ReactionMs:0.###} ms > deadline {deadline:0.###} ms"; return; }
        if (hardwareOnly)
        {
            // The blind firmware cannot trip for these hazards: the hardware must have been first wherever it acted.
            if (onset != null && firmwareTripAt != null && (hardwareCutAt == null || firmwareTripAt < hardwareCutAt))
                r.Failure = "the firmware, not the hardware channel, stopped the drive";
            return;
        }
        if (!plan.Accepted.Contains(code) && !(onset == null && code == FaultCode.None)) { r.Failure = $"fault code {FaultCatalog.Name(code)}, expected {string.Join(" or ", plan.Accepted.Select(FaultCatalog.Name))}"; return; }
        // A hazard only the hardware claims is met by the cut; the firmware may have stopped normally before it saw the cut.
        if (onset != null && code == FaultCode.None && !plan.MayResetProcessor && !physical) r.Failure = "motor stopped but no fault latched";
    }

    private static bool Prepare(VirtualPen.VirtualPen pen, InterlocksCase c, out string? why)
    {
        var fw = pen.Firmware;
        why = null;
        int top = fw.Config.RateLevels.Length - 1;
        switch (c.State)
        {
            case OperatingState.Idle:
                pen.RunFor(0.02);
                return true;
            case OperatingState.RampUp:
                fw.RequestStart();
                if (pen.RunUntil(() => Driven(pen), 1.0)) return true;
                why = $"motor never driven (state {fw.State}, refusal {FaultCatalog.Name(fw.LastRefusalFault)})";
                return false;
        }
        fw.SetRateLevel(c.State == OperatingState.RunningLowest ? 0 : c.State == OperatingState.RunningHighest ? top : Math.Min(2, top));
        var start = fw.RequestStart();
        if (!pen.RunUntil(() => fw.State == PenState.Running, 1.0))
        {
            why = $"not running (start {start}, state {fw.State}, refusal {FaultCatalog.Name(fw.LastRefusalFault)}, fault {FaultCatalog.Name(fw.ActiveFault)})";
            return false;
        }
        pen.RunFor(0.15);
        if (c.State == OperatingState.DepthChange)
        {
            double to = Math.Min(c.NewDepthMm, fw.Status.DepthLimitMm);
            if (Math.Abs(to - fw.Status.DepthTargetMm) < 0.5) to = fw.Status.DepthTargetMm > 1.2 ? 0.3 : Math.Min(2.2, fw.Status.DepthLimitMm);
            fw.SetDepthMm((float)to);
        }
        else if (c.State == OperatingState.Stopping)
        {
            fw.RequestStop();
        }
        return true;
    }
}
