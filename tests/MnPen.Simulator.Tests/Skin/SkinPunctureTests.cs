using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;

namespace MnPen.Simulator.Tests.Skin;

/// <summary>The needle-in-skin model: tenting, a puncture peak, relaxation, withdrawal friction and stroke-to-stroke spread.</summary>
public class SkinPunctureTests
{
    private const int Steps = 4000;

    // One revolution in Steps slices at a fixed depth: per-needle force (torque over the lever) and true penetration.
    private static (double[] force, double[] penetration, double[] travel) Stroke(CamAndNeedles cam, double depthMetres, double stiffness)
    {
        var force = new double[Steps];
        var pen = new double[Steps];
        var travel = new double[Steps];
        for (int k = 0; k < Steps; k++)
        {
            double theta = 2 * Math.PI * (k + 0.5) / Steps;
            double torque = cam.Load(theta, depthMetres, 1, stiffness);
            double lever = 1.5e-3 * Math.Abs(Math.Sin(theta));
            force[k] = lever > 1e-9 ? torque / lever : 0;
            pen[k] = cam.Penetration;
            travel[k] = cam.Travel(theta);
        }
        return (force, pen, travel);
    }

    private static CamAndNeedles Cam(SkinProfile profile, SkinParameters? skin = null, SimRandom? random = null)
    {
        var cam = new CamAndNeedles(new CamParameters(), skin ?? new SkinParameters(), random) { Profile = profile };
        return cam;
    }

    // The slice just before the tips get through: the force there is the stroke's puncture force.
    private static int PunctureIndex(double[] penetration) => Array.FindIndex(penetration, x => x > 0) - 1;

    [Theory]
    [InlineData(SkinProfile.Soft)]
    [InlineData(SkinProfile.Nominal)]
    [InlineData(SkinProfile.Tough)]
    public void Force_peaks_at_the_puncture_then_relaxes_to_a_lower_insertion_force(SkinProfile profile)
    {
        var p = new SkinParameters();
        var (force, pen, _) = Stroke(Cam(profile, p), 2.0e-3, p.StiffnessFor(profile));
        int peak = PunctureIndex(pen);
        Assert.Equal(p.PunctureFor(profile), force[peak], 3);
        Assert.True(force.Take(peak).All(f => f <= force[peak] + 1e-12), "tenting rises to the puncture force");
        // The relaxation length further in the force has fallen to the residual fraction + friction.
        int after = Enumerable.Range(peak, Steps / 2 - peak).First(k => pen[k] >= p.RelaxationMetres);
        double expected = p.ResidualFraction * p.PunctureFor(profile) + p.StiffnessFor(profile) * pen[after];
        Assert.InRange(force[after], expected * 0.97, expected * 1.03);
        Assert.True(force[after] < 0.75 * force[peak], $"relaxed force {force[after]:0.000} N is not well below the peak {force[peak]:0.000} N");
        // Withdrawal meets friction only: a fraction of the insertion force at the same depth.
        int deepest = Array.IndexOf(pen, pen.Max());
        Assert.True(force[deepest + 5] < 0.5 * force[deepest - 5]);
    }

    [Theory]
    [InlineData(SkinProfile.Soft)]
    [InlineData(SkinProfile.Tough)]
    public void Skin_tenting_makes_the_true_penetration_shallower_than_the_set_depth(SkinProfile profile)
    {
        var p = new SkinParameters();
        var (_, pen, _) = Stroke(Cam(profile, p), 2.0e-3, p.StiffnessFor(profile));
        double deepest = pen.Max();
        Assert.InRange(deepest, 2.0e-3 - p.TentFor(profile) - 2e-5, 2.0e-3 - p.TentFor(profile) + 2e-5);
    }

    [Fact]
    public void A_depth_inside_the_tent_never_punctures()
    {
        var p = new SkinParameters();
        var cam = Cam(SkinProfile.Soft, p);
        var (force, pen, _) = Stroke(cam, 0.2e-3, p.SoftNewtonsPerMetre);
        Assert.Equal(0.0, pen.Max());
        Assert.Equal(0, cam.Punctures);
        Assert.True(force.Max() > 0 && force.Max() < p.SoftPunctureNewtons);
    }

    [Fact]
    public void Puncture_force_varies_from_stroke_to_stroke_and_repeats_for_a_seed()
    {
        var p = new SkinParameters();
        double[] Peaks(ulong seed)
        {
            var cam = Cam(SkinProfile.Nominal, p, new SimRandom(seed, 21));
            var peaks = new double[200];
            for (int s = 0; s < peaks.Length; s++)
            {
                var (force, pen, _) = Stroke(cam, 1.5e-3, p.NominalNewtonsPerMetre);
                peaks[s] = force[PunctureIndex(pen)];
            }
            return peaks;
        }
        var a = Peaks(3);
        Assert.Equal(a, Peaks(3));
        Assert.NotEqual(a, Peaks(4));
        double mean = a.Skip(1).Average();
        double sd = Math.Sqrt(a.Skip(1).Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, p.NominalPunctureNewtons * 0.95, p.NominalPunctureNewtons * 1.05);
        Assert.InRange(sd / mean, p.PunctureVariation * 0.75, p.PunctureVariation * 1.25);
    }

    [Fact]
    public void Without_spread_every_stroke_is_the_same()
    {
        var p = new SkinParameters { PunctureVariation = 0 };
        var cam = Cam(SkinProfile.Tough, p, new SimRandom(1, 21));
        double first = Stroke(cam, 2.0e-3, p.ToughNewtonsPerMetre).force.Max();
        for (int s = 0; s < 20; s++) Assert.Equal(first, Stroke(cam, 2.0e-3, p.ToughNewtonsPerMetre).force.Max(), 12);
        var spread = Cam(SkinProfile.Tough, new SkinParameters(), new SimRandom(1, 21));
        var peaks = Enumerable.Range(0, 20).Select(_ => Stroke(spread, 2.0e-3, p.ToughNewtonsPerMetre).force.Max()).ToArray();
        Assert.True(peaks.Distinct().Count() > 10, "with the spread the strokes differ");
    }

    [Fact]
    public void Air_loads_nothing()
    {
        var (force, pen, _) = Stroke(Cam(SkinProfile.Air), 2.5e-3, 0);
        Assert.All(force, f => Assert.Equal(0.0, f));
        Assert.All(pen, x => Assert.Equal(0.0, x));
    }
}
