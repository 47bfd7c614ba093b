using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using MnPen.Bench.Runner;
using MnPen.Cli;
using MnPen.Cli.Contract;
using MnPen.Hal.Simulator;
using MnPen.Hal.Simulator.Parameters;
using MnPen.Hal.Simulator.Physics;
using MnPen.VirtualPen;

namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// `bench --skin-common P`: every pen runs in skin where P % of the puncture spread's variance is common to the needles
/// of one stroke (100 = one draw for all, the harshest reading) instead of the simulator's independent needles; it
/// reaches each pen's SkinParameters, is named in the JSON, JUnit and rerun commands; bad values refused.
/// </summary>
public sealed class SkinCommonTests
{
    [Fact]
    public void A_common_share_reaches_every_pens_skin_and_leaves_the_rest_as_drawn()
    {
        var plain = new PenPopulation(1, 3);
        var common = new PenPopulation(1, 3, skinCommon: 0.4);
        var both = new PenPopulation(1, 3, skinSpread: 0.2, skinCommon: 1.0);
        for (int k = 0; k < 3; k++)
        {
            var skin = common.At(k).Apply(new VirtualPenOptions()).Parameters!.Skin;
            Assert.Equal(0.4, skin.PunctureCommonShare);
            Assert.Equal(new SkinParameters().PunctureVariation, skin.PunctureVariation);
            var bothSkin = both.At(k).Apply(new VirtualPenOptions()).Parameters!.Skin;
            Assert.Equal((0.2, 1.0), (bothSkin.PunctureVariation, bothSkin.PunctureCommonShare));
            // Without the option the pen runs in the simulator's own skin: independent needles.
            Assert.Equal(0.0, (plain.At(k).Apply(new VirtualPenOptions()).Parameters ?? SimParameters.Default()).Skin.PunctureCommonShare);
        }
        // A drawn pen keeps its own parts, and its draw is not changed by the copy the skin is set on.
        var pen = common.Pen(2);
        var options = pen.Apply(new VirtualPenOptions());
        Assert.Equal(pen.Draw.AsRun.Motor.ResistanceOhms, options.Parameters!.Motor.ResistanceOhms);
        Assert.Equal(0.0, pen.Draw.AsRun.Skin.PunctureCommonShare);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PenPopulation(1, 3, skinCommon: 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PenPopulation(1, 3, skinCommon: -0.01));
    }

    // One draw for the whole stroke puts the needle's whole 15 % on the motor; sixteen independent needles average to
    // 15 %/√16: the s.d. of the stroke's puncture force is √16 = 4 times larger with --skin-common 100 than without.
    [Fact]
    public void One_draw_for_all_needles_spreads_a_16_needle_strokes_puncture_four_times_as_much()
    {
        double Spread(double? share)
        {
            var skin = new PenPopulation(1, 2, skinCommon: share).Pen(1).Apply(new VirtualPenOptions()).Parameters!.Skin;
            var forces = StrokePunctures(skin, needles: 16, strokes: 600);
            double mean = forces.Average();
            return Math.Sqrt(forces.Sum(f => (f - mean) * (f - mean)) / (forces.Length - 1)) / mean;
        }
        double independent = Spread(null), shared = Spread(1.0);
        Assert.InRange(shared, 0.13, 0.17);                  // the needle's 15 %
        Assert.InRange(shared / independent, 3.3, 4.8);      // √16 = 4, within 600 strokes' sampling
        Assert.Equal(independent, Spread(0.0));              // absent = the simulator's own, independent needles
    }

    // The stroke's puncture force per needle (the mean of its needles' own): the load at the slice where the tips get
    // through is exactly that force on the cam's lever. One revolution per stroke in tough skin at 2 mm.
    private static double[] StrokePunctures(SkinParameters skin, int needles, int strokes)
    {
        const int steps = 4000;
        var cam = new CamAndNeedles(new CamParameters(), skin, new SimRandom(7, 21)) { Profile = SkinProfile.Tough };
        double halfStroke = 0.5 * cam.Parameters.StrokeMetres;
        var forces = new List<double>();
        for (int s = 0; s <= strokes; s++)
            for (int k = 0; k < steps; k++)
            {
                double theta = 2 * Math.PI * (k + 0.5) / steps;
                long before = cam.Punctures;
                double torque = cam.Load(theta, 2.0e-3, needles, skin.ToughNewtonsPerMetre);
                // The first stroke is at the mean, before any draw.
                if (cam.Punctures > before && s > 0) forces.Add(torque / (halfStroke * Math.Abs(Math.Sin(theta)) * needles));
            }
        Assert.Equal(strokes, forces.Count);
        return forces.ToArray();
    }

    // The tough-skin 50 /s start of three pens through the tool, with its JSON and its JUnit properties (SkinSpreadTests too).
    internal static (JsonElement Root, Dictionary<string, string> JUnit) ToughStart(params string[] extra)
    {
        string xml = Path.Combine(Path.GetTempPath(), "mnpen-skincommon-" + Guid.NewGuid().ToString("N") + ".xml");
        try
        {
            var args = new[] { "bench", "--suite", "rate", "--quick", "--pens", "3", "--case", "tough/full/L1 start", "--json", "--junit", xml }.Concat(extra).ToArray();
            var (exit, output, error) = Cli.Run(args);
            Assert.True(exit is 0 or 1, error);
            var props = XDocument.Load(xml).Descendants("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
            return (JsonDocument.Parse(output).RootElement, props);
        }
        finally
        {
            File.Delete(xml);
        }
    }

    // The hold's worst single stroke over the pens, % of the target.
    internal static double Ripple(JsonElement root) =>
        root.GetProperty("cases")[0].GetProperty("measurements").EnumerateArray().First(m => m.GetProperty("name").GetString() == "ripple")
            .GetProperty("pens").GetProperty("worst").GetDouble();

    // The tough hold's worst single stroke of the three pens: 1.5 % with the simulator's independent needles, over 3 %
    // with one draw for all sixteen (what is left in uniform skin, under 1 %, is the cam's own load cycle).
    [Fact]
    public void One_draw_for_all_needles_shakes_a_tough_skin_hold_harder_and_the_run_says_so()
    {
        var (own, ownJUnit) = ToughStart();
        var (common, commonJUnit) = ToughStart("--skin-common", "100");
        Assert.True(Ripple(common) > 1.5 * Ripple(own), $"ripple with one draw for all needles {Ripple(common):0.00} % against {Ripple(own):0.00} %");
        Assert.False(own.TryGetProperty("skin_common", out _));
        Assert.False(ownJUnit.ContainsKey("skin_common"));
        Assert.Equal(1.0, common.GetProperty("skin_common").GetDouble());
        Assert.False(common.TryGetProperty("skin_spread", out _));
        Assert.Equal("1", commonJUnit["skin_common"]);
        Assert.Contains("--skin-common 100", common.GetProperty("cases")[0].GetProperty("worst_pen_rerun").GetString());
        Assert.DoesNotContain("--skin-common", own.GetProperty("cases")[0].GetProperty("worst_pen_rerun").GetString());
    }

    [Fact]
    public void A_rerun_command_carries_the_common_share_beside_the_spread()
    {
        var report = new MnPen.Bench.BenchReport { Seed = 3, Platform = "esp32-nf", SkinSpread = 0.2, SkinCommon = 0.25 };
        var c = new MnPen.Bench.BenchCase("rate", "tough/full/L1 start");
        Assert.EndsWith("--skin-spread 20 --skin-common 25", RerunCommand.For(c, report));
    }

    [Theory]
    [InlineData("-1", "--skin-common must be a percentage 0 to 100")]
    [InlineData("101", "--skin-common must be a percentage 0 to 100")]
    [InlineData("lots", "--skin-common 'lots' is not a number")]
    public void A_skin_common_share_out_of_range_or_not_a_number_is_refused_with_exit_2(string share, string message)
    {
        // Through the tool's own entry (Program.Main's contract), which turns a parse error into exit 2 as well.
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CommandLineContract.Run(Program.BuildRoot(), new[] { "bench", "--suite", "rate", "--quick", "--skin-common", share }, output, error);
        Assert.Equal(2, exit);
        Assert.Contains(message, error.ToString());
    }
}
