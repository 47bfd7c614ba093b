namespace MnPen.Hal.Simulator.Devices;

/// <summary>A simulated ADC channel converting one analogue source; a stuck-at override models a frozen converter input.</summary>
public sealed class SimAdcChannel : IAdcChannel
{
    private readonly IAdcSource _source;

    /// <summary>Creates a channel over a source.</summary>
    public SimAdcChannel(IAdcSource source, int maxCount, int referenceMillivolts)
    {
        _source = source;
        MaxCount = maxCount;
        ReferenceMillivolts = referenceMillivolts;
    }

    /// <summary>When 0 or more, every conversion returns this count (stuck sensor); -1 = normal.</summary>
    public int StuckAtCount { get; set; } = -1;

    /// <summary>Conversions taken since creation.</summary>
    public long Conversions { get; private set; }

    /// <summary>Last value returned, counts.</summary>
    public int LastCount { get; private set; }

    /// <inheritdoc />
    public int ReadRaw()
    {
        Conversions++;
        int c = StuckAtCount >= 0 ? StuckAtCount : _source.Sample();
        LastCount = c;
        return c;
    }

    /// <inheritdoc />
    public int MaxCount { get; }

    /// <inheritdoc />
    public int ReferenceMillivolts { get; }
}
