using MnPen.VirtualPen.Scenarios;

namespace MnPen.Simulator.Tests.VirtualPenTests;

/// <summary>Depths are checked against the pen's 0.05 mm grid and refused, never rounded.</summary>
public class DepthGridTests
{
    [Fact]
    public void Every_step_from_0_to_2_5_mm_as_typed_is_on_the_grid()
    {
        for (int i = 0; i <= 50; i++)
        {
            double typed = double.Parse((i * 5 / 100.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(DepthGrid.OnGrid(typed), $"{typed} mm should be on the grid");
        }
    }

    [Theory]
    [InlineData(0.08, "0.05 mm and 0.1 mm")]
    [InlineData(0.01, "0.0 mm and 0.05 mm")]
    [InlineData(2.449, "2.4 mm and 2.45 mm")]
    [InlineData(1.0001, "1.0 mm and 1.05 mm")]
    public void A_depth_between_steps_is_refused_with_the_two_nearest(double mm, string nearest)
    {
        var problem = DepthGrid.Problem(mm);
        Assert.NotNull(problem);
        Assert.Contains("0.05 mm depth grid", problem);
        Assert.Contains(nearest, problem);
    }
}
