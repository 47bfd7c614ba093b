namespace MnPen.Hal
{
    /// <summary>One ADC input: raw conversion counts against a known reference.</summary>
    public interface IAdcChannel
    {
        /// <summary>Takes one conversion and returns raw counts, 0..MaxCount.</summary>
        int ReadRaw();

        /// <summary>Full-scale count (4095 for a 12-bit converter).</summary>
        int MaxCount { get; }

        /// <summary>Input voltage at full scale, in millivolts.</summary>
        int ReferenceMillivolts { get; }
    }
}
