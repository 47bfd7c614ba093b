using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;

namespace MnPen.Simulator.Tests.Physics;

public class ThermalModelTests
{
    /// <summary>Time constants of the two-node network: −1/eigenvalues of its 2×2 system matrix (closed form).</summary>
    private static (double fast, double slow) AnalyticTimeConstants(ThermalParameters p)
    {
        double a = 1 / (p.WindingToHandpieceKelvinPerWatt * p.WindingCapacityJoulesPerKelvin);
        double b = 1 / (p.WindingToHandpieceKelvinPerWatt * p.HandpieceCapacityJoulesPerKelvin);
        double c = 1 / (p.HandpieceToAmbientKelvinPerWatt * p.HandpieceCapacityJoulesPerKelvin);
        // d/dt [Tw, Th] = [[-a, a], [b, -(b+c)]]·[Tw, Th] + inputs
        double tr = -(a + b + c), det = a * c;
        double disc = Math.Sqrt(tr * tr - 4 * det);
        double l1 = (-tr + disc) / 2, l2 = (-tr - disc) / 2;
        return (1 / l1, 1 / l2);
    }

    private static double TimeToFraction(Func<double> value, Action<double> step, double final, double start, double fraction, double dt, double limit)
    {
        double target = start + (final - start) * fraction;
        double t = 0, prev = value();
        while (t < limit)
        {
            step(dt);
            t += dt;
            double v = value();
            if ((final > start && v >= target) || (final < start && v <= target))
                return t - dt + dt * (target - prev) / (v - prev);
            prev = v;
        }
        throw new Xunit.Sdk.XunitException("never reached the target");
    }

    [Fact]
    public void Handpiece_time_constant_matches_the_slow_eigenvalue_within_five_percent()
    {
        // Motor idle, so a 1 ms substep loses nothing and keeps a 40-minute run short.
        var p = SimParameters.Default();
        p.SubstepMicros = 1000;
        var b = Bench.Board(SkinProfile.Air, ambient: 25, parameters: p);
        double start = b.HandpieceCelsius;
        // Ambient step and electronics warm-up act on the same linear network from t = 0: one response, one final value.
        b.AmbientCelsius = 45;
        double final = 45 + p.Thermal.ElectronicsWatts * p.Thermal.HandpieceToAmbientKelvinPerWatt;
        double tau = TimeToFraction(() => b.HandpieceCelsius, s => b.AdvanceSeconds(s), final, start, 1 - Math.Exp(-1), 1.0, 3600);

        var (_, slow) = AnalyticTimeConstants(p.Thermal);
        Assert.InRange(tau, slow * 0.95, slow * 1.05);
    }

    [Fact]
    public void Winding_time_constant_matches_the_fast_eigenvalue_within_five_percent()
    {
        var p = SimParameters.Default().Thermal;
        var th = new Thermal(p, 25);
        const double watts = 2.0;
        // The winding's rise over the handpiece is the fast mode; it settles at P·Rwh.
        double final = watts * p.WindingToHandpieceKelvinPerWatt;
        double tau = TimeToFraction(() => th.WindingCelsius - th.HandpieceCelsius, s => th.Step(s, watts, 0), final, 0,
            1 - Math.Exp(-1), 0.001, 120);

        var (fast, _) = AnalyticTimeConstants(p);
        Assert.InRange(tau, fast * 0.95, fast * 1.05);
        Assert.InRange(fast, 4.0, 6.0); // documented ≈ 5 s for this motor size
    }

    [Fact]
    public void Stalled_motor_heats_its_winding_by_I_squared_R()
    {
        var b = Bench.Board(SkinProfile.Air, ambient: 25);
        b.ExternalLoadTorqueNewtonMetres = 1.0;
        Bench.Drive(b, 0.5);
        b.AdvanceSeconds(10);
        double rise = b.WindingCelsius - b.HandpieceCelsius;
        double power = b.MotorCurrentAmps * b.MotorCurrentAmps * b.Motor.WindingOhms;
        // Two time constants in: at least 80 % of the P·Rwh steady rise.
        Assert.InRange(rise, 0.8 * power * b.Parameters.Thermal.WindingToHandpieceKelvinPerWatt, 1.05 * power * b.Parameters.Thermal.WindingToHandpieceKelvinPerWatt);
        Assert.True(b.Motor.WindingOhms > b.Parameters.Motor.ResistanceOhms, "copper resistance rises with temperature");
    }
}
