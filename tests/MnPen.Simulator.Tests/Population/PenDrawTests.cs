using FsCheck;
using FsCheck.Fluent;
using MnPen.Hal.Simulator.Parameters;

namespace MnPen.Simulator.Tests.Population;

public sealed class PenDrawTests
{
    private static Arbitrary<(ulong Seed, int Index)> Pens =>
        (from seed in Gen.Choose(0, int.MaxValue)
         from index in Gen.Choose(1, 5000)
         select ((ulong)seed, index)).ToArbitrary();

    [Fact]
    public void Every_drawn_part_lies_within_its_stated_tolerance()
    {
        var t = PenTolerances.Production();
        var a = PenAgeing.OneInterval();
        var nominal = SimParameters.Default();
        Prop.ForAll(Pens, pen =>
        {
            var d = PenDraw.Draw(pen.Seed, pen.Index);
            var p = d.AsCalibrated;
            bool Rel(double value, double reference, double tol) => Math.Abs(value / reference - 1) <= tol + 1e-12;
            double spanNominal = nominal.DepthActuator.PotCountsAtFullTravel - nominal.DepthActuator.PotCountsAtZero;
            double span = p.DepthActuator.PotCountsAtFullTravel - p.DepthActuator.PotCountsAtZero;
            // Each deviation within its own stated band, and the parameters are what the deviations say.
            return d.Deviations.All(x => Math.Abs(x.Value) <= x.Limit + 1e-12)
                && Rel(p.Motor.TorqueNewtonMetresPerAmp, nominal.Motor.TorqueNewtonMetresPerAmp, t.MotorConstant)
                && p.Motor.TorqueNewtonMetresPerAmp == p.Motor.BackEmfVoltSecondsPerRad
                && Rel(p.Motor.ResistanceOhms, nominal.Motor.ResistanceOhms, t.MotorResistance)
                && Rel(p.Cam.MechanismFrictionNewtonMetres, nominal.Cam.MechanismFrictionNewtonMetres, t.MechanismFriction)
                && Math.Abs(p.DepthActuator.PotCountsAtZero - nominal.DepthActuator.PotCountsAtZero) <= t.PotOffsetCounts
                && Rel(span, spanNominal, t.PotSpan)
                && Math.Abs(p.DepthActuator.PotNonlinearityFraction) <= t.PotNonlinearity
                && Rel(p.Ntc.R25Ohms, nominal.Ntc.R25Ohms, t.NtcR25)
                && Rel(p.Ntc.BetaKelvin, nominal.Ntc.BetaKelvin, t.NtcBeta)
                && Rel(p.Battery.DividerRatio, nominal.Battery.DividerRatio, 2 * t.Resistor)
                && Rel(p.Battery.InternalResistanceOhms, nominal.Battery.InternalResistanceOhms, t.BatteryResistance)
                // Ageing only ever adds friction and resistance and only ever loses capacity, within its limits.
                && d.AsRun.Cam.MechanismFrictionNewtonMetres >= p.Cam.MechanismFrictionNewtonMetres
                && d.AsRun.Cam.MechanismFrictionNewtonMetres <= p.Cam.MechanismFrictionNewtonMetres * (1 + a.FrictionIncrease) + 1e-15
                && d.AsRun.Battery.InternalResistanceOhms >= p.Battery.InternalResistanceOhms
                && d.AsRun.Battery.CapacityAmpHours <= p.Battery.CapacityAmpHours
                && Math.Abs(d.AsRun.DepthActuator.PotCountsAtZero - p.DepthActuator.PotCountsAtZero) <= a.PotOffsetCounts + 1e-9;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Pens_of_a_population_differ_from_each_other_and_from_the_reference_pen()
    {
        var nominal = SimParameters.Default();
        var pens = Enumerable.Range(1, 20).Select(i => PenDraw.Draw(1, i)).ToList();
        // Every drawn figure takes 20 different values over 20 pens, none of them the reference value.
        foreach (var name in pens[0].Deviations.Select(x => x.Name))
        {
            var values = pens.Select(p => p.Deviations.Single(x => x.Name == name).Value).ToList();
            Assert.Equal(20, values.Distinct().Count());
            Assert.DoesNotContain(0.0, values);
        }
        Assert.All(pens, p => Assert.NotEqual(nominal.Motor.ResistanceOhms, p.AsRun.Motor.ResistanceOhms));
        Assert.All(pens, p => Assert.NotEqual(p.AsCalibrated.DepthActuator.PotCountsAtZero, p.AsRun.DepthActuator.PotCountsAtZero));
        // The tolerances are used: over 20 pens some draw lands in the outer half of the motor-constant band.
        double tol = PenTolerances.Production().MotorConstant;
        Assert.Contains(pens, p => Math.Abs(p.AsCalibrated.Motor.TorqueNewtonMetresPerAmp / nominal.Motor.TorqueNewtonMetresPerAmp - 1) > tol / 2);
    }

    [Fact]
    public void The_same_seed_and_index_draw_the_same_pen_and_pen_0_is_the_reference_pen()
    {
        var a = PenDraw.Draw(7, 3);
        var b = PenDraw.Draw(7, 3);
        Assert.Equal(a.Deviations, b.Deviations);
        Assert.NotEqual(a.Deviations, PenDraw.Draw(8, 3).Deviations);
        var reference = PenDraw.Draw(7, 0);
        Assert.True(reference.IsReference);
        Assert.Empty(reference.Deviations);
        Assert.Equal(7UL, reference.NoiseSeed);
        Assert.Equal(SimParameters.Default().DepthActuator.PotCountsAtZero, reference.AsRun.DepthActuator.PotCountsAtZero);
        Assert.Throws<ArgumentOutOfRangeException>(() => PenDraw.Draw(1, -1));
    }

    [Fact]
    public void Each_pen_has_its_own_adc_chip_watchdog_oscillator_and_comparator_within_their_bounds_and_pen_0_the_typical_parts()
    {
        var nominal = SimParameters.Default();
        var t = PenTolerances.Production();
        var pens = Enumerable.Range(1, 50).Select(i => PenDraw.Draw(3, i).AsRun).ToList();
        Assert.All(pens, p =>
        {
            Assert.InRange(p.Adc.VrefMillivolts, 1000.0, 1200.0);
            Assert.InRange(Math.Abs(p.Adc.OffsetCounts), 0.0, AdcChipParameters.OffsetSpreadCounts);
            Assert.InRange(Math.Abs(p.Adc.InlBowCounts), 0.0, AdcChipParameters.InlBoundCounts);
            Assert.InRange(Math.Abs(p.Protective.WatchdogOscillatorError), 0.0, t.WatchdogOscillator);
            Assert.InRange(Math.Abs(p.Protective.ThermalTripCelsius - nominal.Protective.ThermalTripCelsius), 0.0,
                t.ComparatorOffsetKelvin + t.ComparatorNetworkKelvin);
        });
        // Spread, not one value: 50 chips, oscillators and comparators all different, some near the ends of their bands.
        Assert.Equal(50, pens.Select(p => p.Adc.VrefMillivolts).Distinct().Count());
        Assert.Equal(50, pens.Select(p => p.Protective.WatchdogOscillatorError).Distinct().Count());
        Assert.Equal(50, pens.Select(p => p.Protective.ThermalTripCelsius).Distinct().Count());
        Assert.Contains(pens, p => Math.Abs(p.Adc.VrefMillivolts - 1100.0) > 50.0);
        Assert.Contains(pens, p => Math.Abs(p.Protective.WatchdogOscillatorError) > t.WatchdogOscillator / 2);
        // Reference pen: the median chip and typical protective parts.
        var reference = PenDraw.Draw(3, 0).AsRun;
        Assert.Equal(AdcChipParameters.NominalVrefMillivolts, reference.Adc.VrefMillivolts);
        Assert.Equal(0.0, reference.Protective.WatchdogOscillatorError);
        Assert.Equal(nominal.Protective.ThermalTripCelsius, reference.Protective.ThermalTripCelsius);
    }
}
