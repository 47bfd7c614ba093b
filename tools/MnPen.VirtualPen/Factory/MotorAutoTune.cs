using MnPen.Drivers;
using MnPen.Hal;
using MnPen.Hal.Simulator;
using MnPen.Safety;

namespace MnPen.VirtualPen.Factory;

/// <summary>
/// Motor auto-tune at the factory station, as motor controllers do at detection: the pen's own motor resistance from a
/// held-rotor pulse (V / I) and its back-EMF constant from a free spin at a known duty ((V − I·R) / speed). Current and
/// supply are read through the pen's own current-sense and battery channels with the coefficients just calibrated, so
/// the I·R product the firmware later forms from the same channels is exact whatever the channels' own gain error; the
/// speed comes from the station's tachometer. The resistance is stored referred to 25 °C, as the record keeps it
/// (SafetyLimits.MotorResistanceAt25Celsius), from the handpiece temperature the pen's own thermistor reads during the
/// held pulse.
/// </summary>
public static class MotorAutoTune
{
    /// <summary>
    /// Seconds the motor rests before the held pulse. The current-gain point just before it (0.8 A for 0.5 s) leaves the
    /// winding 1.0-1.6 K above the handpiece whose thermistor refers the resistance to 25 °C, so R read 0.4-0.6 % high
    /// (pens 0-7 of seed 1), and a high R is I·R the loop adds: a third of the duty in tough skin at 50 /s. The winding's
    /// time constant is 4.9 s (docs/simulator.md, thermal model; a small coreless motor's data-sheet figure is 3-10 s):
    /// 15 s is three of them, leaving 5 % of the rise (under 0.1 K). Measured over 50 pens, seeds 1-10 (`mnpen bench
    /// --suite rate --pens 50`, with the rate trim's gain then, 0.015): 879 of 880 cases pass against 877 without the rest.
    /// </summary>
    public const int WindingRestSeconds = 15;

    /// <summary>Duty of the held-rotor pulse: 0.25 × 7.4 V over 3.7 Ω ≈ 0.5 A, well under the driver's 2 A regulation.</summary>
    public const float HeldDuty = 0.25f;

    /// <summary>Dynamometer torque that holds the rotor, N·m: ten times the stall torque at HeldDuty (≈ 2.6 mN·m nominal).</summary>
    public const double HoldTorqueNewtonMetres = 0.03;

    /// <summary>Duty of the free spin: about 100 strokes/s in air on the reference pen (mid operating range).</summary>
    public const float SpinDuty = 0.5f;

    /// <summary>Bridge on-resistance in the motor's path, ohms (TI DRV8876 SLVSEY4, 700 mΩ typical; SafetyLimits cites the same).</summary>
    public const float BridgeOnResistanceOhms = 0.7f;

    /// <summary>
    /// Measures resistance (motor only, ohms, referred to 25 °C) and back-EMF constant (V·s/rad) on the twin, reading the
    /// handpiece temperature through the thermistor's just-calibrated rail counts; leaves the motor off. handpieceCelsius
    /// is the temperature the resistance was measured at (NaN when the thermistor read open or shorted: then motorOhms is
    /// as measured, not referred to 25 °C).
    /// </summary>
    public static void Measure(VirtualBoard twin, int currentOffset, float milliampsPerCount, float batteryMvPerCount, float thermistorRailCounts,
        StationInstruments instruments, out float motorOhms, out float backEmf, out float handpieceCelsius)
    {
        PenBoard pen = twin.Pen;
        // The winding cools to the handpiece first: the resistance is referred to 25 °C by the handpiece's thermistor.
        for (int s = 0; s < WindingRestSeconds; s++) twin.Advance(1_000_000);
        pen.MotorEnable.Write(true);
        pen.MotorPwm.Start();

        // Held rotor: no back-EMF, so the mean supply at the winding over the current is the path's resistance. Short
        // (100 ms) so the winding barely warms.
        twin.ExternalLoadTorqueNewtonMetres = HoldTorqueNewtonMetres;
        pen.MotorPwm.Duty = HeldDuty;
        twin.Advance(50_000);
        handpieceCelsius = HandpieceCelsius(pen, thermistorRailCounts);
        Sample(twin, currentOffset, milliampsPerCount, batteryMvPerCount, 500, out double heldAmps, out double heldVolts, out _);
        pen.MotorPwm.Duty = 0f;
        twin.ExternalLoadTorqueNewtonMetres = 0;
        twin.Advance(200_000);
        double pathOhms = heldAmps > 0.01 ? HeldDuty * heldVolts / heldAmps : 0;

        // Free spin: the back-EMF is what the supply leaves after the resistive drop; one stroke per cam revolution.
        pen.MotorPwm.Duty = SpinDuty;
        twin.Advance(400_000);
        Sample(twin, currentOffset, milliampsPerCount, batteryMvPerCount, 5000, out double spinAmps, out double spinVolts, out double rate);
        pen.MotorPwm.Duty = 0f;
        pen.MotorEnable.Write(false);
        twin.Advance(300_000);
        rate = instruments.Tachometer(rate);
        double emf = SpinDuty * spinVolts - spinAmps * pathOhms;

        motorOhms = Limits.MotorResistanceAt25Celsius((float)(pathOhms - BridgeOnResistanceOhms), handpieceCelsius);
        backEmf = rate > 1 ? (float)(emf / (2 * Math.PI * rate)) : 0f;
    }

    private static readonly SafetyLimits Limits = new();

    // The winding's temperature as the pen itself will judge it: its own thermistor through the rail counts the station
    // just calibrated (MnPen.Drivers.Thermistor, the firmware's reader), not the station's reference thermometer. The pen
    // later scales the stored R by exactly this reading (SafetyLimits.MotorPathOhmsAt), so referring the measurement by
    // the same sensor gives back the measured path at the measuring temperature whatever the thermistor's residual
    // error; the simulator's true winding temperature is not an instrument the station has. Averaged over 16 readings
    // (the ADC's noise); NaN when the sensor reads open or shorted.
    private static float HandpieceCelsius(PenBoard pen, float railCounts)
    {
        var thermistor = new Thermistor(pen.Thermistor, Limits.ThermistorOpenRaw, Limits.ThermistorShortRaw);
        thermistor.Configure(railCounts);
        const int n = 16;
        float sum = 0f;
        for (int i = 0; i < n; i++)
        {
            float c = thermistor.Read();
            if (thermistor.Open || thermistor.Shorted) return float.NaN;
            sum += c;
        }
        return sum / n;
    }

    private static void Sample(VirtualBoard twin, int offset, float mAPerCount, float mvPerCount, int n,
        out double amps, out double volts, out double strokeRate)
    {
        double counts = 0, battery = 0, rate = 0;
        for (int s = 0; s < n; s++)
        {
            twin.Advance(100);
            counts += twin.Pen.MotorCurrent.ReadRaw() - offset;
            battery += twin.Pen.BatteryVoltage.ReadRaw();
            rate += twin.StrokeRate;
        }
        amps = counts / n * mAPerCount / 1000.0;
        volts = battery / n * mvPerCount / 1000.0;
        strokeRate = rate / n;
    }
}
