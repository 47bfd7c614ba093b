using MnPen.DeviceTests.Fakes;
using MnPen.Safety;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>The safety supervisor trips and cuts the motor on the nanoFramework runtime as it does on the host.</summary>
    [TestClass]
    public class SafetyTripTests
    {
        private FakePwm _pwm;
        private FakeOutput _enable;
        private MotorGate _gate;
        private SafetySupervisor _safety;
        private SafetyInputs _in;

        [Setup]
        public void Setup()
        {
            _pwm = new FakePwm();
            _enable = new FakeOutput();
            _gate = new MotorGate(_pwm, _enable);
            _safety = new SafetySupervisor(_gate, new SafetyLimits());
            _in = Healthy(1000);
        }

        private static SafetyInputs Healthy(ulong now)
        {
            var i = new SafetyInputs();
            i.NowMicros = now;
            i.TickIntervalMicros = 1000;
            i.LastTickDurationMicros = 200;
            i.BatteryVolts = 7.4f;
            i.CartridgePresent = true;
            i.CalibrationValid = true;
            i.SettingsValid = true;
            i.HandpieceCelsius = 30f;
            i.ThermistorRaw = 2000;
            i.DepthFeedbackRaw = 1000;
            i.DepthLimitMm = 2.5f;
            return i;
        }

        [TestMethod]
        public void Overcurrent_trips_and_forces_the_motor_off_within_the_tick()
        {
            _in.MotorCurrentAmps = 3.0f;
            _in.MotorCommanded = true;
            _safety.Tick(_in);
            Assert.IsTrue(_safety.Tripped);
            Assert.AreEqual((int)FaultCode.Overcurrent, (int)_safety.ActiveFault);
            Assert.IsTrue(_gate.ForcedSafe);
            Assert.AreEqual(0f, _gate.AppliedDuty);
            Assert.IsFalse(_enable.Level, "driver must be asleep after a trip");
        }

        [TestMethod]
        public void A_loop_pause_with_the_driver_asleep_is_counted_not_tripped()
        {
            // A flash sector erase in the background holds the loop ~45 ms with the motor off (gap limit 35 ms).
            _safety.Tick(_in);
            _in.NowMicros += 45000;
            _in.TickIntervalMicros = 45000;
            _safety.Tick(_in);
            Assert.IsFalse(_safety.Tripped);
            Assert.AreEqual(1, _safety.QuietGaps);
            Assert.IsFalse(_enable.Level);
        }

        [TestMethod]
        public void Driver_fault_line_trips_the_pen()
        {
            _in.DriverFault = true;
            _safety.Tick(_in);
            Assert.AreEqual((int)FaultCode.DriverFault, (int)_safety.ActiveFault);
            Assert.IsTrue(_gate.ForcedSafe);
        }

        [TestMethod]
        public void Pulling_the_cartridge_while_driving_trips_cartridge_removed()
        {
            _in.MotorCommanded = true;
            _in.CartridgePresent = false;
            _safety.Tick(_in);
            Assert.AreEqual((int)FaultCode.CartridgeRemoved, (int)_safety.ActiveFault);
        }

        [TestMethod]
        public void Requests_after_a_trip_do_not_reach_the_motor()
        {
            _in.DriverFault = true;
            _safety.Tick(_in);
            _gate.Request(0.5f);
            Assert.AreEqual(0f, _gate.AppliedDuty);
            Assert.AreEqual(0f, _pwm.Duty);
        }

        [TestMethod]
        public void Manual_trip_with_a_hard_trip_code_latches()
        {
            Assert.IsTrue(_safety.Trip(FaultCode.StorageCorrupt));
            Assert.IsTrue(_safety.Tripped);
        }
    }
}
