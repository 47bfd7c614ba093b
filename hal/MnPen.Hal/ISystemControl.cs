namespace MnPen.Hal
{
    /// <summary>Processor-level control: reset cause, reboot and power hold.</summary>
    public interface ISystemControl
    {
        /// <summary>Why the processor last started.</summary>
        ResetCause LastResetCause { get; }

        /// <summary>Restarts the processor (the call does not return on the pen).</summary>
        void Reboot();

        /// <summary>Records a loop abort (reported as a fault at the next boot) and restarts the processor.</summary>
        void RebootAfterAbort();

        /// <summary>Keeps the pen powered (true) or lets the power latch drop (false = power off).</summary>
        void HoldPower(bool on);
    }
}
