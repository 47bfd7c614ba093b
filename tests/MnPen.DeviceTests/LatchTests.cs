using System;
using MnPen.DeviceTests.Fakes;
using MnPen.Firmware;
using MnPen.Hal;
using MnPen.Safety;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>
    /// Latches on the nanoFramework runtime: every cause keeps its own clear policy, and power-cycle and service faults
    /// are kept on storage so a fresh firmware over the same storage (a reboot, a power cycle) latches them again.
    /// </summary>
    [TestClass]
    public class LatchTests
    {
        private static FakePenBoard s_pen;
        private static PenFirmware s_fw;

        private static void Boot(FakeStorage storage, ResetCause cause)
        {
            s_pen = storage == null ? new FakePenBoard() : new FakePenBoard(storage);
            s_pen.System.Cause = cause;
            s_fw = new PenFirmware(s_pen.Board);
            s_fw.Boot();
            s_pen.RunThroughSelfTest(s_fw);
        }

        // A fresh firmware over the same storage: what the pen is after a restart.
        private static void Restart(ResetCause cause)
        {
            Boot(s_pen.Storage, cause);
        }

        // Powered on, started, and running for 300 ms.
        private static void BootRunning()
        {
            Boot(null, ResetCause.PowerOn);
            s_pen.RunUntil(s_fw, PenState.Ready, 1000);
            Assert.AreEqual((int)CommandResult.Accepted, (int)s_fw.RequestStart());
            s_pen.RunUntil(s_fw, PenState.Running, 1000);
            s_pen.Run(s_fw, 300);
        }

        private static void AssertMotorStaysOff(int ms)
        {
            s_fw.RequestStart();
            for (int i = 0; i < FakePenBoard.Ticks(ms); i++)
            {
                s_pen.Tick(s_fw);
                Assert.IsFalse(s_pen.MotorEnable.Level, "driver enabled while a fault is latched");
                Assert.AreEqual(0f, s_pen.MotorPwm.Duty);
            }
        }

        [TestMethod]
        public void Cartridge_pull_then_overrun_then_one_acknowledge_keeps_the_motor_off_until_a_power_cycle()
        {
            BootRunning();
            s_pen.CartridgeSwitch.Set(false);
            s_pen.Run(s_fw, 30);
            Assert.AreEqual((int)FaultCode.CartridgeRemoved, (int)s_fw.Safety.ActiveFault);
            Assert.IsTrue(s_fw.Safety.Trip(FaultCode.ControlLoopOverrun));
            s_pen.CartridgeSwitch.Set(true);
            s_pen.Run(s_fw, 800);

            Assert.AreEqual((int)CommandResult.RefusedLockout, (int)s_fw.AcknowledgeFault());
            Assert.IsTrue(s_fw.Safety.Tripped, "the overrun stays latched");
            AssertMotorStaysOff(500);

            Restart(ResetCause.Software);
            Assert.AreEqual((int)FaultCode.ControlLoopOverrun, (int)s_fw.Safety.ActiveFault, "a reboot keeps it");
            AssertMotorStaysOff(300);

            Restart(ResetCause.PowerOn);
            Assert.IsFalse(s_fw.Safety.Tripped, "a power cycle clears it");
        }

        [TestMethod]
        public void Service_fault_survives_a_reboot_and_a_power_cycle()
        {
            Boot(null, ResetCause.PowerOn);
            Assert.IsTrue(s_fw.Safety.Trip(FaultCode.StorageCorrupt));
            s_pen.Run(s_fw, 100);

            Restart(ResetCause.Software);
            Assert.AreEqual((int)FaultCode.StorageCorrupt, (int)s_fw.Safety.ActiveFault, "after a reboot");
            Restart(ResetCause.PowerOn);
            Assert.AreEqual((int)FaultCode.StorageCorrupt, (int)s_fw.Safety.ActiveFault, "after a power cycle");
            AssertMotorStaysOff(300);

            Assert.AreEqual((int)CommandResult.Accepted, (int)s_fw.ServiceClearFault());
            s_pen.Run(s_fw, 100);
            Restart(ResetCause.PowerOn);
            Assert.IsFalse(s_fw.Safety.Tripped, "cleared by the service clear, for good");
        }
    
        [TestMethod]
        public void A_loop_abort_stops_the_motor_and_the_next_boot_latches_a_fault()
        {
            BootRunning();
            Assert.IsTrue(s_pen.MotorEnable.Level, "running before the abort");

            LoopAbort.MakeSafeAndReboot(s_pen.Board, new InvalidOperationException("unexpected"));
            Assert.IsFalse(s_pen.MotorEnable.Level, "driver asleep");
            Assert.AreEqual(0f, s_pen.MotorPwm.Duty);
            Assert.IsFalse(s_pen.MotorPwm.Running, "PWM stopped");
            Assert.AreEqual(1, s_pen.System.AbortReboots);

            Restart(ResetCause.LoopAbort);
            Assert.AreEqual((int)FaultCode.WatchdogReset, (int)s_fw.Safety.ActiveFault, "the abort is a fault at the next boot");
            AssertMotorStaysOff(300);
        }
}
}
