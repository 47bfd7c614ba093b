using MnPen.DeviceTests.Fakes;
using MnPen.Drivers;
using nanoFramework.TestFramework;

namespace MnPen.DeviceTests
{
    /// <summary>Sensor conversions that remember earlier answers give exactly the fresh answer on the device runtime.</summary>
    [TestClass]
    public class DriverConversionTests
    {
        [TestMethod]
        public void Thermistor_answers_from_its_cache_exactly_as_the_Beta_equation()
        {
            var adc = new FakeAdc();
            var limits = new MnPen.Safety.SafetyLimits();
            var th = new Thermistor(adc, limits.ThermistorOpenRaw, limits.ThermistorShortRaw);
            th.Configure(4359.2f);
            // Counts 16 apart share a cache slot; walking up and down through them must never return a stale value.
            for (int pass = 0; pass < 2; pass++)
            {
                for (int raw = 1000; raw < 3000; raw += 16)
                {
                    adc.Value = raw;
                    Assert.AreEqual(Thermistor.CountsToCelsius(raw, th.RailCounts), th.Read());
                    adc.Value = raw + 1;
                    Assert.AreEqual(Thermistor.CountsToCelsius(raw + 1, th.RailCounts), th.Read());
                }
            }
            adc.Value = 4090;
            th.Read();
            Assert.IsTrue(th.Open);
        }

        [TestMethod]
        public void Depth_feedback_lookup_from_the_last_segment_matches_a_fresh_lookup()
        {
            int[] counts = new int[] { 3900, 2660, 1430, 200 };
            float[] mm = new float[] { 0f, 1f, 2f, 3f };
            int hint = 0;
            for (int x = 100; x < 4000; x += 7)
            {
                float fresh = TableMath.InterpolateCounts(counts, mm, x);
                Assert.AreEqual(fresh, TableMath.InterpolateCounts(counts, mm, x, ref hint));
            }
        }
    }
}
