using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Read side of the H-bridge (nFAULT and the enable read-back). It deliberately has no output: every motor
    /// command goes through MnPen.Safety.MotorGate, so the safety supervisor is the only one that can let it through.
    /// </summary>
    public sealed class MotorDriver
    {
        private readonly IDigitalInput _faultN;
        private readonly IDigitalOutput _enable;
        private readonly IDigitalInput _enableSense;

        /// <summary>Creates the monitor over the driver's nFAULT input and enable line (read back through its output driver).</summary>
        public MotorDriver(IDigitalInput faultN, IDigitalOutput enable) : this(faultN, enable, null)
        {
        }

        /// <summary>
        /// Creates the monitor with the gated nSLEEP net read on its own input pin (an ESP32 output pad has its input
        /// buffer off, so reading the output back returns 0); without one the output's own read-back is used.
        /// </summary>
        public MotorDriver(IDigitalInput faultN, IDigitalOutput enable, IDigitalInput enableSense)
        {
            _faultN = faultN;
            _enable = enable;
            _enableSense = enableSense;
        }

        /// <summary>nFAULT asserted (low) at the latest Update: overcurrent or overtemperature latched in the bridge.</summary>
        public bool FaultAsserted { get; private set; }

        /// <summary>Enable read back high at the latest Update: the gated nSLEEP net (firmware asks and hardware channel allows).</summary>
        public bool EnableReadBack { get; private set; }

        /// <summary>Samples both lines.</summary>
        public void Update()
        {
            FaultAsserted = _faultN != null && !_faultN.Read();
            EnableReadBack = _enableSense != null ? _enableSense.Read() : _enable != null && _enable.ReadBack();
        }
    }
}
