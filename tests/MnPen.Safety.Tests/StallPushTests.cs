namespace MnPen.Safety.Tests;

/// <summary>
/// The supervisor's stall push at a start (JamDetector): a rotor blocked before its first strokes is pushed to 0.5 duty,
/// then to the probe torque's duty; the push ends once the rotor's back-EMF shows it turning; a true jam is still
/// confirmed from the first pushed tick. The rig's current is set by hand here, as the motor under each duty would draw it.
/// </summary>
public class StallPushTests
{
    private const float Volts = 7.5f;

    // The rig's pen: nominal motor, grip at 30 °C.
    private static float PathOhms(Rig rig) => rig.Sup.Limits.MotorPathOhmsAt(rig.In.HandpieceCelsius);

    // A rotor at rest under duty d draws d·V / R (R the path at the grip's temperature, plus extra for a warmer winding).
    private static float StallAmps(Rig rig, float duty, float extraOhms = 0f) => duty * Volts / (PathOhms(rig) + extraOhms);

    /// <summary>A booted rig whose control core drives 0.15 (a soft start's duty) into a rotor that does not turn; returns after the first blocked tick.</summary>
    private static Rig BlockedAtSoftStartDuty(float extraOhms = 0f)
    {
        var rig = new Rig().Booted();
        rig.AutoCurrent = false;
        rig.Jammed = true;
        rig.Tick(0.15f);
        rig.In.MotorCurrentAmps = StallAmps(rig, 0.15f, extraOhms);
        rig.Tick(0.15f);
        return rig;
    }

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
    [InlineData(0f)]
    [InlineData(0.236f)]   // the winding 20 K warmer than the grip: 3.0 Ω × 0.00393 × 20
    [Trait("Requirement", "SAF-JAM-01")]
    public void A_true_jam_is_confirmed_within_the_persistence_of_the_first_pushed_tick_even_with_a_warm_winding(float extraOhms)
    {
        var rig = BlockedAtSoftStartDuty(extraOhms);
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
