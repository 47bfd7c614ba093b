namespace MnPen.Firmware.Tests;

/// <summary>The rate loop's load observer at a start and under a stuck current sense.</summary>
public class LoadObserverTests
{
    private const float Dt = 0.01f, Volts = 8.4f, Ohms = 3.7f, Ke = 0.0052f;

    // A rotor turning steadily at 50 strokes/s under a load current `amps` (with 1-count noise when `noise`), read `ticks` times.
    private static void Feed(LoadObserver o, float amps, int ticks, bool noise)
    {
        float omega = 2f * 3.14159265f * 50f;
        for (int k = 0; k < ticks; k++)
        {
            float a = amps + (noise ? (k % 3 - 1) * 0.0005f : 0f);
            float duty = (Ke * omega + a * Ohms) / Volts;
            o.Update(Dt, a, duty, Volts, Ohms, Ke, omega, true);
        }
    }

    [Fact]
    public void A_current_sense_stuck_on_one_reading_is_not_taken_for_load()
    {
        var o = new LoadObserver();
        Feed(o, 0.15f, 60, noise: true);
        Assert.InRange(o.Amps, 0.14f, 0.16f);
        // The converter freezes at 0.6 A: after two repeats the reads are left out, so the load stays where it was.
        Feed(o, 0.6f, 30, noise: false);
        Assert.True(o.Amps < 0.25f, $"load {o.Amps:0.000} A taken from a frozen reading");
    }

    [Fact]
    public void At_a_start_the_load_is_taken_within_the_start_filter_time()
    {
        // The soft start: from rest at 600 strokes/s² to 50 /s (83 ms), then held; the current carries the load and the
        // rotor's acceleration J·ω'/kₜ (J = 1.5 g·cm²).
        LoadObserver Run(bool starting)
        {
            var o = new LoadObserver { Starting = starting };
            float rate = 0f;
            for (int k = 0; k < 20; k++)
            {
                float next = rate + 600f * Dt > 50f ? 50f : rate + 600f * Dt;
                float accel = 2f * 3.14159265f * (next - rate) / Dt;
                rate = next;
                float omega = 2f * 3.14159265f * rate;
                float amps = 0.17f + 1.5e-7f * accel / Ke + (k % 3 - 1) * 0.0005f;
                o.Update(Dt, amps, (Ke * omega + amps * Ohms) / Volts, Volts, Ohms, Ke, omega, true);
            }
            return o;
        }
        // 200 ms in (117 ms after the ramp): the 40 ms start filter has the 0.17 A load within 5 %; the running 120 ms
        // filter, which starts from rest too, not yet 85 % of it.
        var s = Run(true);
        var r = Run(false);
        Assert.InRange(s.Amps, 0.1615f, 0.1785f);
        Assert.True(r.Amps < 0.85f * 0.17f, $"running filter already at {r.Amps:0.000} A");
    }
}
