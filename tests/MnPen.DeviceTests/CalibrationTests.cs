using MnPen.DeviceTests.Fakes;
using MnPen.Storage;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>Calibration validation and its record codec on the device runtime (float formatting and string building included).</summary>
    [TestClass]
    public class CalibrationTests
    {
        [TestMethod]
        public void Factory_calibration_is_valid()
        {
            Assert.IsNull(CalibrationValidator.Validate(FakePenBoard.FactoryCalibration()));
        }

        [TestMethod]
        public void Feed_forward_table_short_of_150_strokes_is_refused_with_the_range_it_covers()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            c.FeedForwardRates = new float[] { 40f, 70f, 100f, 120f, 140f };
            string why = CalibrationValidator.Validate(c);
            Assert.IsNotNull(why);
            Assert.IsTrue(why.IndexOf("40") >= 0 && why.IndexOf("140") >= 0 && why.IndexOf("50..150") >= 0, why);
        }

        [TestMethod]
        public void Duty_that_does_not_rise_with_rate_is_refused()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            c.FeedForwardDuties[3] = c.FeedForwardDuties[2];
            string why = CalibrationValidator.Validate(c);
            Assert.IsNotNull(why);
            Assert.IsTrue(why.IndexOf("point 3") >= 0, why);
        }

        [TestMethod]
        public void Out_of_range_gains_offsets_and_dates_are_each_refused()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            c.RateKp = 0.06f;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "Kp above 0.05");
            c = FakePenBoard.FactoryCalibration();
            c.CurrentOffsetCounts = 151;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "offset above 150 counts");
            c = FakePenBoard.FactoryCalibration();
            c.CurrentOffsetCounts = -41;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "offset below -40 counts (further below the ADC's range than any chip)");
            c.CurrentOffsetCounts = -40;
            Assert.IsNull(CalibrationValidator.Validate(c), "a zero 40 counts below the ADC's range is a chip of the spread");
            c = FakePenBoard.FactoryCalibration();
            c.CurrentMilliampsPerCount = 1.2f;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "gain above 1.05 mA/count");
            c = FakePenBoard.FactoryCalibration();
            c.ThermistorRailCounts = 5000f;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "rail counts above 4950");
            c = FakePenBoard.FactoryCalibration();
            c.BatteryMillivoltsPerCount = 2.5f;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "battery scale below 2.70 mV/count");
            c = FakePenBoard.FactoryCalibration();
            c.NextDueDay = c.CalibratedOnDay + 801;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "interval above 800 days");
            c = FakePenBoard.FactoryCalibration();
            c.FeedForwardDuties[0] = float.NaN;
            Assert.IsNotNull(CalibrationValidator.Validate(c), "NaN duty");
        }

        [TestMethod]
        public void Calibration_record_round_trips_through_the_codec()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            var b = new byte[CalibrationCodec.MaxPayload];
            int n = CalibrationCodec.Encode(c, b);
            Assert.IsTrue(n > 0);
            Calibration back = CalibrationCodec.Decode(CalibrationCodec.CurrentVersion, b, n);
            Assert.IsNotNull(back);
            Assert.IsNull(CalibrationValidator.Validate(back));
            Assert.AreEqual(c.SerialNumber, back.SerialNumber);
            Assert.AreEqual(c.TechnicianId, back.TechnicianId);
            Assert.AreEqual(c.CurrentOffsetCounts, back.CurrentOffsetCounts);
            Assert.AreEqual(c.DepthFeedbackCounts.Length, back.DepthFeedbackCounts.Length);
            for (int i = 0; i < c.DepthFeedbackCounts.Length; i++) Assert.AreEqual(c.DepthFeedbackCounts[i], back.DepthFeedbackCounts[i]);
            for (int i = 0; i < c.FeedForwardRates.Length; i++)
            {
                float d = c.FeedForwardDuties[i] - back.FeedForwardDuties[i];
                Assert.IsTrue(d < 0.0001f && d > -0.0001f, "duty " + i);
            }
        }

        [TestMethod]
        public void Sensing_coefficients_round_trip_through_the_v3_codec()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            c.ThermistorRailCounts = 4123.25f;
            c.BatteryMillivoltsPerCount = 2.9876f;
            var b = new byte[CalibrationCodec.MaxPayload];
            // v4 is v3 followed by the motor block: the v3 payload is the encoding without it.
            int n = CalibrationCodec.Encode(c, b) - CalibrationCodec.MotorBlockLength;
            Calibration back = CalibrationCodec.Decode(3, b, n);
            Assert.IsNotNull(back);
            Assert.IsFalse(back.MotorCalibrated);
            Assert.AreEqual(MotorDefaults.NominalBackEmfVoltSecondsPerRad, back.MotorBackEmfVoltSecondsPerRad);
            Assert.AreEqual(4123.25f, back.ThermistorRailCounts);
            Assert.AreEqual(2.9876f, back.BatteryMillivoltsPerCount);
            Assert.IsTrue(back.SensingCalibrated);
            Assert.IsNull(CalibrationCodec.Decode(3, b, n - 1), "cut inside the sensing block");
        }

        [TestMethod]
        public void Measured_motor_constants_round_trip_through_the_v4_codec()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            c.MotorResistanceOhms = 2.25f;
            c.MotorBackEmfVoltSecondsPerRad = 0.0061f;
            c.MotorCalibrated = true;
            var b = new byte[CalibrationCodec.MaxPayload];
            int n = CalibrationCodec.Encode(c, b);
            Calibration back = CalibrationCodec.Decode(4, b, n);
            Assert.IsNotNull(back);
            Assert.IsTrue(back.MotorCalibrated);
            Assert.AreEqual(2.25f, back.MotorResistanceOhms);
            Assert.AreEqual(0.0061f, back.MotorBackEmfVoltSecondsPerRad);
            Assert.IsNull(CalibrationCodec.Decode(4, b, n - 1), "cut inside the motor block");
        }

        [TestMethod]
        public void A_v2_record_decodes_with_conservative_sensing_marked_uncalibrated()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            var b = new byte[CalibrationCodec.MaxPayload];
            int n = CalibrationCodec.Encode(c, b) - CalibrationCodec.SensingBlockLength;
            Calibration old = CalibrationCodec.Decode(2, b, n);
            Assert.IsNotNull(old);
            Assert.IsFalse(old.SensingCalibrated);
            Assert.AreEqual(SensingDefaults.ConservativeThermistorRailCounts, old.ThermistorRailCounts);
            Assert.AreEqual(SensingDefaults.ConservativeBatteryMillivoltsPerCount, old.BatteryMillivoltsPerCount);
            Assert.AreEqual(c.CurrentMilliampsPerCount, old.CurrentMilliampsPerCount);
            Assert.IsNull(CalibrationValidator.Validate(old));
        }

        [TestMethod]
        public void Truncated_calibration_record_is_not_decoded()
        {
            Calibration c = FakePenBoard.FactoryCalibration();
            var b = new byte[CalibrationCodec.MaxPayload];
            int n = CalibrationCodec.Encode(c, b);
            Assert.IsNull(CalibrationCodec.Decode(CalibrationCodec.CurrentVersion, b, n - 5));
        }

        [TestMethod]
        public void Pen_store_refuses_an_invalid_calibration_and_keeps_the_old_one()
        {
            var storage = new FakeStorage();
            var store = new PenStore(storage, null, null);
            store.Boot(0, 0);
            Assert.AreEqual((int)StoreWriteResult.Ok, (int)store.SaveCalibration(FakePenBoard.FactoryCalibration()));
            Calibration bad = FakePenBoard.FactoryCalibration();
            bad.RateKi = -1f;
            Assert.AreEqual((int)StoreWriteResult.Invalid, (int)store.SaveCalibration(bad));
            Assert.IsTrue(store.LastError.IndexOf("Ki") >= 0, store.LastError);

            var reopened = new PenStore(storage, null, null);
            reopened.Boot(0, 0);
            Assert.AreEqual((int)CalibrationStatus.Valid, (int)reopened.CalibrationResult.Status);
            Assert.AreEqual(0.02f, reopened.Calibration.RateKi);
        }
    }
}
