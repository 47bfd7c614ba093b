using MnPen.Hal.Simulator;

namespace MnPen.Simulator.Tests.Physics;

public class MotorModelTests
{
    [Theory]
    [InlineData(0.3, 0.0)]
    [InlineData(0.6, 0.0)]
    [InlineData(0.9, 0.0)]
    [InlineData(0.6, 0.5e-3)]
    [InlineData(0.9, 1.5e-3)]
    public void Steady_state_speed_matches_the_closed_form_within_one_percent(double duty, double loadTorque)
    {
        var b = Bench.Board(SkinProfile.Air);
        b.ExternalLoadTorqueNewtonMetres = loadTorque;
        Bench.Drive(b, duty);
        b.AdvanceSeconds(0.5);

        var m = b.Parameters.Motor;
        double r = b.Motor.WindingOhms + b.Parameters.Bridge.OnResistanceOhms;
        double friction = m.CoulombFrictionNewtonMetres + b.Parameters.Cam.MechanismFrictionNewtonMetres + loadTorque;
        double volts = duty * b.BatteryTerminalVolts;
        // V = kₑω + R·i and kₜ·i = T_friction + b·ω  ⇒  ω = (V − R·T/kₜ) / (kₑ + R·b/kₜ)
        double expected = (volts - r * friction / m.TorqueNewtonMetresPerAmp)
                          / (m.BackEmfVoltSecondsPerRad + r * m.ViscousNewtonMetreSecondsPerRad / m.TorqueNewtonMetresPerAmp);

        Assert.InRange(b.RotorSpeedRadPerSec, expected * 0.99, expected * 1.01);
        Assert.True(expected > 100, "the case must actually spin the motor");
    }

    [Fact]
    public void Electrical_time_constant_is_L_over_R_within_five_percent()
    {
        var b = Bench.Board(SkinProfile.Air);
        b.ExternalLoadTorqueNewtonMetres = 1.0; // dynamometer holds the rotor: no back-EMF
        Bench.Drive(b, 0.15);
        var samples = new List<double>();
        for (int t = 0; t < 400; t++)
        {
            b.Advance(1);
            samples.Add(b.Motor.Current);
        }
        double final = samples[^1];
        double target = final * (1 - Math.Exp(-1));
        int k = samples.FindIndex(i => i >= target);
        // samples[k] is at t = k+1 µs; interpolate between k and k+1 µs.
        double before = k == 0 ? 0 : samples[k - 1];
        double tau = k + (target - before) / (samples[k] - before);

        double expected = b.Parameters.Motor.InductanceHenry / (b.Motor.WindingOhms + b.Parameters.Bridge.OnResistanceOhms) * 1e6;
        Assert.Equal(0.0, b.RotorSpeedRadPerSec);
        Assert.InRange(tau, expected * 0.95, expected * 1.05);
    }

    [Fact]
    public void Stall_current_is_applied_voltage_over_loop_resistance()
    {
        var b = Bench.Board(SkinProfile.Air);
        b.ExternalLoadTorqueNewtonMetres = 1.0;
        Bench.Drive(b, 0.4);
        b.AdvanceSeconds(0.01);
        double expected = 0.4 * b.BatteryTerminalVolts / (b.Motor.WindingOhms + b.Parameters.Bridge.OnResistanceOhms);
        Assert.InRange(b.MotorCurrentAmps, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Driver_regulates_current_at_two_amps_when_the_load_would_draw_more()
    {
        var b = Bench.Board(SkinProfile.Air, soc: 1.0);
        b.ExternalLoadTorqueNewtonMetres = 1.0;
        Bench.Drive(b, 1.0);
        b.AdvanceSeconds(0.01);
        Assert.True(b.CurrentLimiting);
        Assert.InRange(b.MotorCurrentAmps, 1.95, 2.0);
        Assert.True(b.AppliedDuty < 0.95, $"regulation must shorten the on-time, applied duty {b.AppliedDuty}");
        Assert.False(b.DriverOvercurrentLatched);
    }

    [Fact]
    public void Speed_follows_supply_voltage_at_fixed_duty()
    {
        var full = Bench.Board(SkinProfile.Air, soc: 1.0);
        var low = Bench.Board(SkinProfile.Air, soc: 0.05);
        Bench.Drive(full, 0.6);
        Bench.Drive(low, 0.6);
        full.AdvanceSeconds(0.4);
        low.AdvanceSeconds(0.4);
        double ratio = low.RotorSpeedRadPerSec / full.RotorSpeedRadPerSec;
        Assert.InRange(ratio, 0.75, 0.9);
    }

    [Fact]
    public void Mechanical_time_constant_matches_JR_over_k_squared_within_five_percent()
    {
        var p = MnPen.Hal.Simulator.Parameters.SimParameters.Default();
        p.Battery.InternalResistanceOhms = 0; // stiff supply: the textbook first-order speed response
        var b = Bench.Board(SkinProfile.Air, parameters: p);
        Bench.Drive(b, 0.5);
        var speeds = new List<double>();
        for (int i = 0; i < 2000; i++) { b.Advance(100); speeds.Add(b.RotorSpeedRadPerSec); }
        double final = speeds[^1];
        double target = final * (1 - Math.Exp(-1));
        int k = speeds.FindIndex(w => w >= target);
        double tau = (k + (target - speeds[k - 1]) / (speeds[k] - speeds[k - 1])) * 100e-6;

        var m = p.Motor;
        double r = b.Motor.WindingOhms + p.Bridge.OnResistanceOhms;
        double expected = b.Motor.Inertia * r / (m.BackEmfVoltSecondsPerRad * m.TorqueNewtonMetresPerAmp + r * m.ViscousNewtonMetreSecondsPerRad);
        Assert.InRange(tau, expected * 0.95, expected * 1.05);
    }

    [Theory]
    [InlineData(SkinProfile.Soft, 0.5, 1.0)]
    [InlineData(SkinProfile.Nominal, 0.7, 2.0)]
    [InlineData(SkinProfile.Tough, 0.9, 2.5)]
    public void Mean_stroke_rate_in_skin_matches_the_closed_form_with_the_mean_needle_load_within_one_percent(SkinProfile skin, double duty, double depthMm)
    {
        var p = MnPen.Hal.Simulator.Parameters.SimParameters.Default();
        p.Battery.InternalResistanceOhms = 0;
        var b = Bench.Board(skin, parameters: p);
        b.InsertCartridge(Bench.Cartridge(16));
        Bench.SetDepth(b, depthMm);
        Bench.Drive(b, duty);
        b.AdvanceSeconds(0.5);
        double rate = Bench.MeanStrokeRate(b, 1.0);

        var m = p.Motor;
        double r = b.Motor.WindingOhms + p.Bridge.OnResistanceOhms;
        double load = b.Cam.MeanLoad(b.NeedleDepthMm * 1e-3, 16, p.Skin.StiffnessFor(skin));
        double torque = m.CoulombFrictionNewtonMetres + p.Cam.MechanismFrictionNewtonMetres + load;
        double omega = (duty * b.BatteryTerminalVolts - r * torque / m.TorqueNewtonMetresPerAmp)
                       / (m.BackEmfVoltSecondsPerRad + r * m.ViscousNewtonMetreSecondsPerRad / m.TorqueNewtonMetresPerAmp);
        double expected = omega / (2 * Math.PI);
        Assert.InRange(rate, expected * 0.99, expected * 1.01);
    }
}
