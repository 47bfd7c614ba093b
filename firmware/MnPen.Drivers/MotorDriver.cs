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

        /// <summary>Creates the monitor over the driver's nFAULT input and enable line.</summary>
        public MotorDriver(IDigitalInput faultN, IDigitalOutput enable)
        {
            _faultN = faultN;
            _enable = enable;
        }

        /// <summary>nFAULT asserted (low) at the latest Update: overcurrent or overtemperature latched in the bridge.</summary>
        public bool FaultAsserted { get; private set; }

        /// <summary>Enable line read back high at the latest Update.</summary>
        public bool EnableReadBack { get; private set; }

        /// <summary>Samples both lines.</summary>
        public void Update()
        {
            FaultAsserted = _faultN != null && !_faultN.Read();
            EnableReadBack = _enable != null && _enable.ReadBack();
        }
    }
}
