using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>An ADC channel that returns whatever count the test sets.</summary>
    public sealed class FakeAdc : IAdcChannel
    {
        /// <summary>Count returned by the next conversion.</summary>
        public int Value;

        /// <summary>Full-scale count.</summary>
        public int Max = 4095;

        /// <summary>Returns Value.</summary>
        public int ReadRaw()
        {
            return Value;
        }

        /// <summary>Full-scale count.</summary>
        public int MaxCount
        {
            get { return Max; }
        }

        /// <summary>3.3 V full scale.</summary>
        public int ReferenceMillivolts
        {
            get { return 3300; }
        }
    }
}
