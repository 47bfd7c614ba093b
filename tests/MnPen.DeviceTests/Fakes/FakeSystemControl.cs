using MnPen.Hal;

namespace MnPen.DeviceTests.Fakes
{
    /// <summary>Reset cause, reboot requests and the power latch, remembered.</summary>
    public sealed class FakeSystemControl : ISystemControl
    {
        /// <summary>Reset cause reported at boot.</summary>
        public ResetCause Cause = ResetCause.PowerOn;

        /// <summary>Reboot requests so far.</summary>
        public int Reboots;

        /// <summary>Power latch level.</summary>
        public bool PowerHeld;

        /// <summary>Why the processor last started.</summary>
        public ResetCause LastResetCause
        {
            get { return Cause; }
        }

        /// <summary>Counts the request (the test decides what a reboot means).</summary>
        public void Reboot()
        {
            Reboots++;
        }

        /// <summary>Loop-abort reboot requests so far.</summary>
        public int AbortReboots;

        /// <summary>Counts the request.</summary>
        public void RebootAfterAbort()
        {
            AbortReboots++;
        }

        /// <summary>Sets the power latch.</summary>
        public void HoldPower(bool on)
        {
            PowerHeld = on;
        }
    }
}
