using System;
using System.Diagnostics;
using MnPen.Hal;

namespace MnPen.Firmware
{
    /// <summary>
    /// The control loop's last act after an unexpected exception: the motor made safe through the gate's order (nSLEEP
    /// low first, so the bridge is off whatever EN does, then the PWM), then a reboot that records a loop abort (the next
    /// boot reports it as a fault, so a boot loop of exceptions is visible). Each step runs even if the one before threw;
    /// the reboot is requested in a finally. The caller then blocks its thread.
    /// </summary>
    public static class LoopAbort
    {
        /// <summary>Makes the motor safe and requests the loop-abort reboot; exceptions of the steps are swallowed.</summary>
        public static void MakeSafeAndReboot(PenBoard board, Exception cause)
        {
            try
            {
                try
                {
                    board.MotorEnable.Write(false);
                }
                finally
                {
                    try
                    {
                        board.MotorPwm.Duty = 0f;
                    }
                    finally
                    {
                        board.MotorPwm.Stop();
                    }
                }
            }
            catch
            {
                // Nothing better is left to do than the reboot below.
            }
            finally
            {
                try
                {
                    // After the motor is safe: the message allocates, and the heap may be what failed.
                    Debug.WriteLine("MnPen: unexpected exception in the control loop, rebooting: " + (cause != null ? cause.Message : ""));
                }
                catch
                {
                }
                try
                {
                    board.System.RebootAfterAbort();
                }
                catch
                {
                    // The caller blocks its thread; the watchdogs restart the pen.
                }
            }
        }
    }
}
