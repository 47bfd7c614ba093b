namespace MnPen.Safety.Tests;

/// <summary>
/// The supervisor's stall push at a start (JamDetector): a rotor blocked before its first strokes is pushed to the nominal
/// motor's 0.5-duty torque, then to the probe torque's duty; the push ends once the rotor's back-EMF shows it turning or
/// rising; a rotor from rest is judged once a free one would show its back-EMF; a true jam is still confirmed from the
/// first pushed tick. The rig's current is set by hand here, as the motor under each duty would draw it.
/// </summary>
public class StallPushTests
{
    private const float Volts = 7.5f;

    // The rig's pen: nominal motor, grip at 30 °C.
    private static float PathOhms(Rig rig) => rig.Sup.Limits.MotorPathOhmsAt(rig.In.HandpieceCelsius);

    // A rotor at rest under duty d draws d·V / R (R the path at the grip's temperature, plus extra for a warmer winding).
    private static float StallAmps(Rig rig, float duty, float extraOhms = 0f) => duty * Volts / (PathOhms(rig) + extraOhms);

    // A motor 27.7 % weak (the ±30 % draw's pen 11 of seed 1, as its station measured it): kₑ 0.00376 V·s/rad, 2.99 Ω.
    private const float WeakBackEmf = 0.00376f, WeakOhms = 2.99f;

    /// <summary>The rig's limits (as Rig's own) on the nominal motor or, weak, on the motor above.</summary>
    private static SafetyLimits Limits(bool weak) => new()
    {
        StrokeMismatchStrokes = 1e9f, StrokeRatioMin = 0f, StrokeRatioMax = 1e9f,
        MotorBackEmfVoltSecondsPerRad = weak ? WeakBackEmf : SafetyLimits.NominalBackEmfVoltSecondsPerRad,
        MotorResistanceOhms = weak ? WeakOhms : SafetyLimits.NominalMotorResistanceOhms,
    };

    /// <summary>
    /// A booted rig whose control core drives 0.15 (a soft start's duty) from rest into a rotor that does not turn; returns
    /// at the first tick the supervisor asks for the push, with the ms of drive that took.
    /// </summary>
    private static Rig BlockedAtSoftStartDuty(out int ms, float extraOhms = 0f, bool weak = false)
    {
        var rig = new Rig(Limits(weak)).Booted();
        rig.AutoCurrent = false;
        rig.Jammed = true;
        rig.Tick(0.15f);
        ms = 0;
        do
        {
            rig.In.MotorCurrentAmps = StallAmps(rig, 0.15f, extraOhms);
            rig.Tick(0.15f);
            ms++;
        } while (!rig.Sup.StallPushRequested && ms < 100);
        return rig;
    }

    private static Rig BlockedAtSoftStartDuty(float extraOhms = 0f, bool weak = false) => BlockedAtSoftStartDuty(out _, extraOhms, weak);

    /// <summary>Ticks (1 ms each) until the trip, the control core driving its own duty or the push, the rotor blocked under it.</summary>
    private static int TicksToTrip(Rig rig, float own, float extraOhms = 0f)
    {
        int ms = 0;
        while (!rig.Sup.Tripped && ms < 200)
        {
            rig.Tick(CoreDuty(rig, own));
            rig.In.MotorCurrentAmps = StallAmps(rig, rig.Gate.AppliedDuty, extraOhms);
            ms++;
        }
        return ms;
    }

    /// <summary>
    /// The weak motor blocked at the soft start's duty, given the first push step for a tick, then read under it with the
    /// given back-EMF (volts; 0 = still blocked); returns the rig after the supervisor's tick on that reading.
    /// </summary>
    private static Rig WeakRotorReadUnderTheFirstStep(float emfVolts, out float first)
    {
        var rig = BlockedAtSoftStartDuty(weak: true);
        first = rig.Sup.StallPushDuty;
        rig.Tick(first);
        rig.In.MotorCurrentAmps = (first * Volts - emfVolts) / PathOhms(rig);
        rig.Tick(CoreDuty(rig, 0.15f));
        return rig;
    }

    // The control core's part: the duty it applies for the coming tick (its own, or the push when asked).
    private static float CoreDuty(Rig rig, float own) => rig.Sup.StallPushRequested && rig.Sup.StallPushDuty > own ? rig.Sup.StallPushDuty : own;

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_rotor_blocked_before_its_first_stroke_is_pushed_to_half_duty_then_to_the_probe_torque()
    {
        var rig = BlockedAtSoftStartDuty();
        Assert.True(rig.Sup.StallPushRequested);
        Assert.Equal(rig.Sup.Limits.JamProbeDuty, rig.Sup.StallPushDuty);

        rig.Tick(rig.Sup.StallPushDuty);
        rig.In.MotorCurrentAmps = StallAmps(rig, rig.Sup.Limits.JamProbeDuty);
        rig.Tick(CoreDuty(rig, 0.15f));
        // Still blocked at 0.5: on to the duty whose stall current gives the probe torque on this motor (7.5 mN·m at
        // 0.0052 V·s/rad is 1.44 A; through 3.76 Ω from 7.5 V that is 0.72).
        Assert.True(rig.Sup.StallPushRequested);
        float full = rig.Sup.StallPushDuty;
        Assert.InRange(full, 0.70f, 0.74f);
        Assert.InRange(StallAmps(rig, full) * rig.Sup.Limits.MotorBackEmfVoltSecondsPerRad, 7.4e-3f, 7.6e-3f);
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void The_first_push_step_gives_a_weak_motor_the_nominal_motors_torque()
    {
        var nominal = Limits(false);
        var weak = Limits(true);
        Assert.Equal(nominal.JamProbeDuty, nominal.JamProbeFirstDutyAt(30f), 4);
        // Torque = duty × V / path × kₜ: the weak motor needs 0.69 for what 0.5 gives the nominal one.
        float nominalTorque = nominal.JamProbeDuty * Volts / nominal.MotorPathOhmsAt(30f) * nominal.MotorBackEmfVoltSecondsPerRad;
        float weakDuty = weak.JamProbeFirstDutyAt(30f);
        Assert.InRange(weakDuty, 0.68f, 0.70f);
        Assert.Equal(nominalTorque, weakDuty * Volts / weak.MotorPathOhmsAt(30f) * WeakBackEmf, 6);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_rotor_blocked_from_rest_is_pushed_once_a_free_rotor_of_its_motor_would_show_its_back_emf()
    {
        // Nominal motor at 0.15 from 7.5 V: a free rotor's back-EMF passes the estimate's 0.14 V error after about 4.5 ms
        // (τ 24 ms with the worst inertia, friction and a warm winding), within the pen's 10 ms tick, so it is pushed at
        // its first reading as before.
        BlockedAtSoftStartDuty(out int nominalMs);
        Assert.InRange(nominalMs, 1, 10);
        // The weak motor's free rotor is slower (τ 45 ms): about 10.4 ms, so not at the pen's first reading; and never
        // later than the jam's own confirmation time.
        BlockedAtSoftStartDuty(out int weakMs, weak: true);
        Assert.InRange(weakMs, 11, 25);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_weak_motors_free_rotor_accelerating_from_rest_is_not_pushed()
    {
        // Bench rate --motor-spread 30, air, sagging pack: the first reading of a motor 29 % weak drew a blocked-looking
        // current (its back-EMF still under the estimate's error), was pushed to 0.5 and ran 7.3 % past 50 /s.
        var rig = new Rig(Limits(true)).Booted();
        rig.AutoCurrent = false;
        float path = PathOhms(rig), stall = StallAmps(rig, 0.15f);
        // A free rotor of this motor (1.5 g·cm², 0.25 mN·m friction): I = I_f + (I_stall − I_f)·e^(−t/τ), τ = J·R/kₑ².
        float friction = 0.25e-3f / WeakBackEmf, tau = 1.5e-7f * path / (WeakBackEmf * WeakBackEmf);
        rig.Tick(0.15f);
        for (int ms = 1; ms <= 40; ms++)
        {
            rig.In.MotorCurrentAmps = friction + (stall - friction) * (float)Math.Exp(-ms * 1e-3 / tau);
            rig.Tick(CoreDuty(rig, 0.15f));
            Assert.False(rig.Sup.StallPushRequested, $"a free rotor was pushed {ms} ms after its start");
        }
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_rotor_whose_back_emf_rises_under_the_first_step_is_not_taken_on_to_the_probe_torque()
    {
        // Breaking through: 0.4 V of back-EMF under the first step, 1.27 A. That is under the turning bound at this current
        // (0.45 V, most of it the winding's 20 K allowance) but 0.4 V up on the blocked reading before, over the 0.36 V bound
        // of the change: the probe torque would spin the rotor up (pen 11 of the ±30 % draw: 29 % past a 50 /s start).
        var rig = WeakRotorReadUnderTheFirstStep(0.4f, out float first);
        Assert.Equal(rig.Sup.Limits.JamProbeFirstDutyAt(rig.In.HandpieceCelsius), first);
        Assert.False(rig.Sup.StallPushRequested, "pushed on to " + rig.Sup.StallPushDuty);
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_rotor_whose_back_emf_rose_by_half_its_bound_under_the_first_step_keeps_the_first_step_a_tick_longer()
    {
        // 0.25 V up on the blocked reading, 1.3 A: under the change's 0.36 V bound (a blocked rotor's estimate rises that
        // much with a winding 14-20 K above the grip) but over half of it. Pen 42 of the ±30 % draw broke through like this
        // and the probe torque then spun it to 82 strokes/s (62 % past a 50 /s tough-skin start); the first step again lets
        // the next reading tell.
        var rig = WeakRotorReadUnderTheFirstStep(0.25f, out float first);
        Assert.True(rig.Sup.StallPushRequested, "the push ended on a rise a warm winding can make");
        Assert.Equal(first, rig.Sup.StallPushDuty);
        Assert.False(rig.Sup.Tripped);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_push_ends_on_the_tick_after_the_rotors_back_emf_shows_it_broke_through()
    {
        var rig = BlockedAtSoftStartDuty();
        rig.Tick(rig.Sup.StallPushDuty);
        // The load gave way under the push: the rotor turns at 18 strokes/s (0.6 V of back-EMF), still drawing a current
        // that looks blocked by the stall fraction (0.84 A against 0.6 × 1.25 A).
        float emf = 0.6f, drive = rig.Sup.Limits.JamProbeDuty * Volts;
        rig.In.MotorCurrentAmps = (drive - emf) / PathOhms(rig);
        rig.Jammed = false;
        rig.Tick(CoreDuty(rig, 0.15f));
        Assert.False(rig.Sup.StallPushRequested, "the push went on after the rotor broke through");
        Assert.Equal(0f, rig.Sup.StallPushDuty);
        Assert.False(rig.Sup.Tripped);
    }

    [Theory]
    [InlineData(0f, false)]
    [InlineData(0.236f, false)]   // the winding 20 K warmer than the grip: 3.0 Ω × 0.00393 × 20
    [InlineData(0f, true)]
    [InlineData(0.235f, true)]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_true_jam_is_confirmed_within_the_persistence_of_the_first_pushed_tick_even_with_a_warm_winding(float extraOhms, bool weak)
    {
        var rig = BlockedAtSoftStartDuty(extraOhms, weak);
        int ms = TicksToTrip(rig, 0.15f, extraOhms);
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
        // The rig ticks every ms: one tick to apply the first push, JamDetectMicros (25 ms) of blocked pushed ticks, the trip.
        Assert.InRange(ms, 25, 28);
        Assert.True(rig.Safe);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_control_core_that_does_not_push_further_still_gets_its_jam_in_the_same_time()
    {
        var rig = BlockedAtSoftStartDuty();
        int ms = 0;
        while (!rig.Sup.Tripped && ms < 200)
        {
            rig.Tick(rig.Sup.Limits.JamProbeDuty);
            rig.In.MotorCurrentAmps = StallAmps(rig, rig.Gate.AppliedDuty);
            ms++;
        }
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
        Assert.InRange(ms, 25, 28);
    }

    [Theory]
    [InlineData(8.4f, 25f, 0.64f)]
    [InlineData(6.4f, 40f, 0.87f)]
    public void The_probe_duty_follows_the_supply_and_the_winding_temperature(float volts, float celsius, float expected)
    {
        var l = new SafetyLimits();
        Assert.InRange(l.JamProbeFullDutyAt(volts, celsius), expected - 0.01f, expected + 0.01f);
    }
    /// <summary>A rig turning at 30 strokes/s under the loop's own duty 0.2 (a soft start's), then stalled (no more strokes).</summary>
    private static Rig StalledAfterItsFirstStrokes()
    {
        var rig = new Rig().Booted();
        rig.StrokeRate = 30f;
        rig.RunningAmps = 0.1f;   // a turning rotor under 0.2 from 7.5 V: (1.5 V − back-EMF) / 3.76 Ω
        rig.Run(0.2f, 300);
        Assert.False(rig.Sup.Tripped);
        Assert.False(rig.Sup.StallPushRequested);
        rig.AutoCurrent = false;
        rig.Jammed = true;
        rig.In.MotorCurrentAmps = StallAmps(rig, 0.2f);
        rig.Tick(0.2f);
        return rig;
    }

    // Drawn pens (16 needles at 2.5 mm, tough skin, 50 /s): the soft start's 0.2 duty stalled against the insertion force
    // after 2-5 strokes and, with the push kept for starts before the first strokes, CartridgeJam tripped on 8 of 50 pens.
    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_rotor_that_stalls_after_its_first_strokes_under_a_low_duty_is_pushed_and_runs_on_without_a_jam()
    {
        var rig = StalledAfterItsFirstStrokes();
        Assert.True(rig.Sup.StallPushRequested, "a rotor stalled at 0.2 after its first strokes was not pushed");
        Assert.Equal(rig.Sup.Limits.JamProbeDuty, rig.Sup.StallPushDuty);
        // The push breaks the load: the rotor turns again, its current falls back, strokes come.
        rig.Tick(CoreDuty(rig, 0.2f));
        rig.Jammed = false;
        rig.In.MotorCurrentAmps = 0.25f;
        for (int k = 0; k < 200; k++) rig.Tick(CoreDuty(rig, 0.2f));
        Assert.False(rig.Sup.Tripped, "tripped " + rig.Sup.ActiveFault);
        Assert.False(rig.Sup.StallPushRequested);
    }

    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_true_jam_after_the_first_strokes_trips_within_the_same_time_despite_the_push()
    {
        var rig = StalledAfterItsFirstStrokes();
        int ms = 1 + TicksToTrip(rig, 0.2f);
        Assert.Equal(FaultCode.CartridgeJam, rig.Sup.ActiveFault);
        // JamDetectMicros (25 ms) from the first blocked tick, as without the push (the last stroke came earlier).
        Assert.InRange(ms, 25, 28);
    }

    // A current sense stuck high while the rotor turns reads as a stall; a held push spun a pen at 150 /s into Overspeed
    // (bench --suite interlocks --channel firmware --pens 50, current-sensor-stuck, pen 42). One kick, then the strokes show
    // the rotor turns and no push comes again while the reading stays blocked.
    [Fact]
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_current_reading_stuck_high_while_strokes_come_gets_one_kick_and_no_held_push()
    {
        var rig = new Rig().Booted();
        rig.StrokeRate = 50f;
        rig.RunningAmps = 0.1f;
        rig.Run(0.2f, 300);
        Assert.False(rig.Sup.Tripped);
        rig.AutoCurrent = false;
        rig.In.MotorCurrentAmps = 1.5f;
        int pushedTicks = 0;
        long strokes = rig.In.StrokeCount;
        for (int k = 0; k < 150 && !rig.Sup.Tripped; k++)
        {
            rig.Tick(CoreDuty(rig, 0.2f));
            if (rig.Sup.StallPushRequested) pushedTicks++;
        }
        Assert.True(rig.In.StrokeCount - strokes >= 5);
        // At 50 /s a stroke comes within 20 ms: the kick lasts at most that long.
        Assert.InRange(pushedTicks, 1, 21);
    }
}
