namespace MnPen.Hal.Simulator.Devices;

/// <summary>Whatever analogue node an ADC channel converts; returns quantised counts including noise.</summary>
public interface IAdcSource
{
    /// <summary>One conversion, counts 0..MaxCount.</summary>
    int Sample();
}
