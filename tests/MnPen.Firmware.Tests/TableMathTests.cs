using FsCheck;
using FsCheck.Fluent;
using MnPen.Drivers;

namespace MnPen.Firmware.Tests;

public class TableMathTests
{
    private static Gen<int[]> MonotonicCounts =>
        from n in Gen.Choose(2, 30)
        from steps in Gen.ArrayOf(Gen.Choose(1, 200), n)
        from start in Gen.Choose(0, 1000)
        from down in Gen.Elements(false, true)
        select Build(start, steps, down);

    private static int[] Build(int start, int[] steps, bool down)
    {
        var xs = new int[steps.Length];
        int at = start;
        for (int i = 0; i < xs.Length; i++) { xs[i] = down ? 10_000 - at : at; at += steps[i]; }
        return xs;
    }

    [Fact]
    public void Lookup_from_a_remembered_segment_gives_exactly_the_full_walk()
    {
        // A drifting input (mostly small moves, sometimes a jump, sometimes exactly on a point) through either
        // direction of table: the hinted lookup must equal the plain one at every step.
        var cases = from xs in MonotonicCounts
                    from moves in Gen.ArrayOf(Gen.Choose(-40, 40), 200)
                    from jumps in Gen.ArrayOf(Gen.Choose(-1000, 11_000), 200)
                    select (xs, moves, jumps);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var ys = new float[c.xs.Length];
            for (int i = 0; i < ys.Length; i++) ys[i] = (i * 37 % 11) * 0.1037f - 0.3313f;   // inexact in binary, so a wrong segment shows at the points too
            int hint = 0;
            float x = c.xs[0];
            for (int k = 0; k < c.moves.Length; k++)
            {
                if (k % 23 == 0) x = c.jumps[k];
                else if (k % 17 == 0) x = c.xs[k % c.xs.Length];
                else x += c.moves[k] * 0.37f;
                if (!TableMath.InterpolateCounts(c.xs, ys, x, ref hint).Equals(TableMath.InterpolateCounts(c.xs, ys, x))) return false;
            }
            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Remembered_depth_lookups_follow_a_new_calibration_map()
    {
        var act = new DepthActuator(new FakePwm(), new FakeAdc());
        Assert.True(act.Configure(new[] { 0f, 1f, 2f, 3f }, new[] { 0.05f, 0.36f, 0.66f, 0.95f }, new[] { 200, 1430, 2660, 3900 }));
        float first = act.DriveForDepth(1.5f);
        float slope = act.DriveSlope(1.5f);
        Assert.Equal(first, act.DriveForDepth(1.5f));
        Assert.Equal(TableMath.Interpolate(new[] { 0f, 1f, 2f, 3f }, new[] { 0.05f, 0.36f, 0.66f, 0.95f }, 2.5f), act.DriveForDepth(2.5f));
        Assert.Equal(first, act.DriveForDepth(1.5f));

        // Recalibrated: the same depths now need other duties, and nothing of the old map may be answered.
        Assert.True(act.Configure(new[] { 0f, 1f, 2f, 3f }, new[] { 0.10f, 0.30f, 0.50f, 0.70f }, new[] { 200, 1430, 2660, 3900 }));
        Assert.Equal(0.40f, act.DriveForDepth(1.5f), 5);
        Assert.Equal(0.20f, act.DriveSlope(1.5f), 4);
        Assert.NotEqual(slope, act.DriveSlope(1.5f));
    }
}
