namespace MnPen.Tools.Tests.Bench;

/// <summary>
/// `bench --skin-spread P`: every pen runs in skin whose puncture force spreads P % per needle (from insertion to
/// insertion) instead of the simulator's 15 %; named in the report and in the rerun command; bad values refused.
/// </summary>
public sealed class SkinSpreadTests
{
    // The hold's single strokes scatter with the punctures: with one draw for all needles of a stroke (--skin-common
    // 100, the whole 15 % on the motor at every stroke) the worst stroke of the three pens moves by over 3 %, in uniform
    // skin by under 1 % (what is left is the cam's own load cycle against the loop). The simulator's independent needles
    // (1.5 %) sit between: SkinCommonTests.
    [Fact]
    public void Uniform_skin_takes_the_puncture_scatter_out_of_a_tough_skin_hold()
    {
        var skin = SkinCommonTests.ToughStart("--skin-common", "100").Root;
        var uniform = SkinCommonTests.ToughStart("--skin-common", "100", "--skin-spread", "0").Root;
        Assert.False(skin.TryGetProperty("skin_spread", out _));
        Assert.Equal(0, uniform.GetProperty("skin_spread").GetDouble());
        double spread = SkinCommonTests.Ripple(skin), flat = SkinCommonTests.Ripple(uniform);
        Assert.True(spread > 2.5, $"ripple with the simulator's spread {spread:0.00} %");
        Assert.True(flat < 0.5 * spread, $"ripple in uniform skin {flat:0.00} % against {spread:0.00} %");
        Assert.Contains("--skin-spread 0", uniform.GetProperty("cases")[0].GetProperty("worst_pen_rerun").GetString());
    }

    [Theory]
    [InlineData("60")]
    [InlineData("-1")]
    public void A_skin_spread_out_of_range_is_refused_with_exit_2(string spread)
    {
        var (exit, _, error) = Cli.Run("bench", "--suite", "rate", "--quick", "--skin-spread", spread);
        Assert.Equal(2, exit);
        Assert.Contains("--skin-spread must be a percentage 0 to 50", error);
    }
}
