namespace MnPen.Hal.Simulator.Physics;

/// <summary>The rate loop's averaging RC on the IPROPI node as an ADC source: conversions go to <see cref="CurrentSense.SampleMean"/>.</summary>
public sealed class AveragedCurrentNode : Devices.IAdcSource
{
    private readonly CurrentSense _sense;

    /// <summary>The node of this current sense.</summary>
    public AveragedCurrentNode(CurrentSense sense) => _sense = sense;

    /// <inheritdoc />
    public int Sample() => _sense.SampleMean();
}
