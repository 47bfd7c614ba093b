using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>The gated nSLEEP net as its read-back pin sees it: the enable command AND the cartridge switch (the hardware channel's cartridge path).</summary>
    public sealed class FakeGatedNet : IDigitalInput
    {
        private readonly FakeOutput _enable;
        private readonly FakeInput _cartridge;

        /// <summary>Creates the net over the enable output and the cartridge switch.</summary>
        public FakeGatedNet(FakeOutput enable, FakeInput cartridge)
        {
            _enable = enable;
            _cartridge = cartridge;
        }

        /// <summary>Net level: high only while enabled and a cartridge is seated.</summary>
        public bool Read()
        {
            return _enable.Level && _cartridge.Read();
        }
    }
}
