using MnPen.Calibration;
using MnPen.Safety;

namespace MnPen.Tools.Tests.Technician;

/// <summary>
/// The motor fit's resistance as the record keeps it, at 25 °C: referred from the handpiece temperature the pen
/// reported, so the pen's own scaling (SafetyLimits.MotorPathOhmsAt) gives back the measured path at that temperature;
/// kept as measured, and said so, when the reading is implausible.
/// </summary>
public class MotorFitTemperatureTests
{
    private const double R25 = 3.0, BackEmf = 0.0052;

    // Exact operating points of a motor whose winding is R25 at 25 °C, measured with it at celsius (copper's tempco).
    private static MotorFit Measured(double celsius, double readCelsius)
    {
        double path = R25 * (1 + new SafetyLimits().MotorResistanceTempcoPerKelvin * (celsius - 25)) + MotorFit.BridgeOnResistanceOhms;
        var points = new[] { (0.08, 50.0), (0.09, 150.0), (0.3, 140.0), (0.4, 135.0) }
            .Select(p => (p.Item1, p.Item2, path * p.Item1 + BackEmf * 2 * Math.PI * p.Item2)).ToList();
        return MotorFit.Solve(points)! with { HandpieceCelsius = readCelsius };
    }

    [Theory]
    [InlineData(35.0)]
    [InlineData(5.0)]
    public void A_winding_measured_warm_or_cold_is_stored_at_its_25_degree_resistance_and_the_pen_forms_the_measured_path_again(double celsius)
    {
        var fit = Measured(celsius, celsius);
        Assert.True(fit.ReferredTo25Celsius);
        Assert.True(Math.Abs(fit.MotorOhms / R25 - 1) > 0.03, "the measurement was not off its 25 °C value, so the case cannot fail");
        Assert.Equal(R25, fit.MotorOhmsAt25Celsius, 4);
        var pen = new SafetyLimits { MotorResistanceOhms = (float)fit.MotorOhmsAt25Celsius };
        Assert.Equal(fit.PathOhms, pen.MotorPathOhmsAt((float)celsius), 4);
        Assert.Contains("at 25 °C", fit.TemperatureNote);
        Assert.Contains($"{celsius:0.0} °C", fit.TemperatureNote);
    }

    [Theory]
    [InlineData(150.0, "the handpiece read 150.0 °C")]
    [InlineData(-40.0, "the handpiece read -40.0 °C")]
    [InlineData(double.NaN, "no handpiece temperature")]
    public void An_implausible_handpiece_reading_keeps_the_measured_resistance_and_says_so(double readCelsius, string said)
    {
        var fit = Measured(30, readCelsius);
        Assert.False(fit.ReferredTo25Celsius);
        Assert.Equal(fit.MotorOhms, fit.MotorOhmsAt25Celsius, 5);
        Assert.Contains("not referred to 25 °C", fit.TemperatureNote);
        Assert.Contains(said, fit.TemperatureNote);
    }
}
