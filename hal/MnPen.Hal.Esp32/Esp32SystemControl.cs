using nanoFramework.Runtime.Native;

namespace MnPen.Hal.Esp32
{
    /// <summary>Reset cause (from <see cref="ResetMarker"/>), reboot and the power latch.</summary>
    public sealed class Esp32SystemControl : ISystemControl
    {
        private readonly ResetMarker _marker;
        private readonly IDigitalOutput _powerHold;
        private bool _released;

        /// <summary>Creates the control over the given marker and power-hold output.</summary>
        public Esp32SystemControl(ResetMarker marker, IDigitalOutput powerHold)
        {
            _marker = marker;
            _powerHold = powerHold;
        }

        /// <summary>Why the processor last started.</summary>
        public ResetCause LastResetCause => _marker.PreviousCause;

        /// <summary>Records the reason and restarts the processor.</summary>
        public void Reboot()
        {
            _marker.MarkSoftwareReboot();
            Power.RebootDevice();
        }

        /// <summary>Holds (true) or releases (false) the power latch; releasing powers the pen off once the button is up.</summary>
        public void HoldPower(bool on)
        {
            // The firmware asks every tick while powering off: the marker (a flash write) is written once.
            if (!on && !_released) _marker.MarkPowerOff();
            _released = !on;
            _powerHold.Write(on);
        }

        /// <summary>Records a loop abort (a fault at the next boot) and restarts the processor.</summary>
        public void RebootAfterAbort()
        {
            try
            {
                _marker.MarkLoopAbort();
            }
            finally
            {
                Power.RebootDevice();
            }
        }
    }
}
