using MnPen.Hal.Simulator.Devices;

namespace MnPen.Hal.Simulator.Physics;

/// <summary>Status LEDs (active high) and the piezo buzzer (sounds while its PWM runs with duty above 0).</summary>
public sealed class Leds
{
    /// <summary>Green LED pin.</summary>
    public SimDigitalOutput Green { get; } = new();

    /// <summary>Amber LED pin.</summary>
    public SimDigitalOutput Amber { get; } = new();

    /// <summary>Red LED pin.</summary>
    public SimDigitalOutput Red { get; } = new();

    /// <summary>Buzzer PWM (2.7 kHz).</summary>
    public SimPwmChannel Buzzer { get; } = new(2700);

    /// <summary>True while the buzzer sounds.</summary>
    public bool BuzzerOn => Buzzer.EffectiveDuty > 0.0;

    internal void ResetPeripheral()
    {
        Green.ResetPeripheral();
        Amber.ResetPeripheral();
        Red.ResetPeripheral();
        Buzzer.ResetPeripheral();
    }
}
