using MnPen.Drivers;

namespace MnPen.Firmware.Tests;

/// <summary>The depth trim against a lagging actuator whose map is a little off: no wind-up, settled within a start's verification.</summary>
public class DepthTrimTests
{
    // A servo like the pen's (docs/simulator.md): first order τ (30 ms +20 % as drawn), 40 mm/s slew, and a map that
    // is `mapErrorMm` shallow at 2 mm (an aged pen: actuator gain drift). Ticks every 10 ms, as on the ESP32.
    private static (double peak, double settledMs) StepTo(float targetMm, float mapErrorMm, float startMm = 0f)
    {
        var act = new DepthActuator(new FakePwm(), new FakeAdc());
        Assert.True(act.Configure(new[] { 0f, 1f, 2f, 3f }, new[] { 0.05f, 0.35f, 0.65f, 0.95f }, new[] { 200, 1430, 2660, 3900 }));
        var dc = new DepthController(act);
        dc.SetLimit(2.5f);
        double pos = startMm, tau = 0.036, dt = 0.01;
        double peak = 0, settledMs = double.NaN;
        Assert.True(dc.SetTarget(targetMm));
        for (int t = 0; t < 200; t++)
        {
            dc.Update(10000, (float)pos, false, false);
            // The plant: the (linear) map's depth for this drive, less the pen's own error (proportional to depth).
            double aim = (act.Drive - 0.05) / 0.30 * (1.0 - mapErrorMm / 2.0);
            double step = (aim - pos) * (1 - Math.Exp(-dt / tau));
            step = Math.Clamp(step, -0.4, 0.4);
            pos += step;
            peak = Math.Max(peak, pos);
            if (double.IsNaN(settledMs) && dc.Reached) settledMs = (t + 1) * 10;
        }
        return (peak, settledMs);
    }

    [Theory]
    [InlineData(0.04f)]
    [InlineData(-0.04f)]
    public void Depth_trim_does_not_wind_up_while_the_actuator_travels_and_settles_within_the_start_verification(float mapErrorMm)
    {
        var (peak, settledMs) = StepTo(2.0f, mapErrorMm);
        // Never further past 2 mm than the map alone puts the needle (a shallow map: not past the 0.025 mm verify band),
        // and verified well inside the 500 ms a start allows.
        Assert.True(peak <= 2.0 + Math.Max(0.0, -mapErrorMm) + 0.01, $"overshoot to {peak:0.0000} mm");
        Assert.True(settledMs <= 500, $"reached after {settledMs} ms");
    }

    [Fact]
    public void Depth_trim_does_not_learn_at_the_zero_stop()
    {
        var act = new DepthActuator(new FakePwm(), new FakeAdc());
        Assert.True(act.Configure(new[] { 0f, 1f, 2f, 3f }, new[] { 0.05f, 0.35f, 0.65f, 0.95f }, new[] { 200, 1430, 2660, 3900 }));
        var dc = new DepthController(act);
        dc.SetLimit(2.5f);
        Assert.True(dc.SetTarget(0f));
        // Needle on its stop; the pot reads 0.01 mm (its offset drift): nothing to trim there, however long it waits.
        for (int t = 0; t < 10000; t++) dc.Update(1000, 0.01f, false, false);
        Assert.Equal(0f, dc.Trim);
    }
}
