using System;
using MnPen.DeviceTests.Fakes;
using MnPen.Firmware;

namespace MnPen.DeviceBench
{
    /// <summary>
    /// Times PenFirmware.Tick() alone (the fake plant steps between ticks, untimed) with the host clock's 100 ns ticks.
    /// The median is the figure to quote: other work on a shared host preempts the interpreter now and then, which moves
    /// the mean and the maximum far more than the median.
    /// </summary>
    public static class TickTimer
    {
        /// <summary>Mean, fastest and slowest tick, microseconds.</summary>
        public sealed class Result
        {
            /// <summary>Median.</summary>
            public double MedianMicros;
            /// <summary>99th percentile.</summary>
            public double P99Micros;
            /// <summary>Mean.</summary>
            public double MeanMicros;
            /// <summary>Fastest.</summary>
            public double MinMicros;
            /// <summary>Slowest.</summary>
            public double MaxMicros;
            /// <summary>Ticks timed.</summary>
            public int Ticks;
        }

        /// <summary>Runs warm-up ticks, then times n ticks one by one, less the cost of reading the clock twice.</summary>
        public static Result Time(FakePenBoard pen, PenFirmware fw, int n)
        {
            for (int i = 0; i < 100; i++)
            {
                pen.Step();
                fw.Tick();
            }
            long overhead = long.MaxValue;
            for (int i = 0; i < 200; i++)
            {
                long a = DateTime.UtcNow.Ticks;
                long b = DateTime.UtcNow.Ticks;
                if (b - a < overhead) overhead = b - a;
            }
            // 100 ns buckets up to 2 ms; slower ticks land in the last one.
            int[] histogram = new int[20000];
            long sum = 0, min = long.MaxValue, max = 0;
            for (int i = 0; i < n; i++)
            {
                pen.Step();
                long t0 = DateTime.UtcNow.Ticks;
                fw.Tick();
                long d = DateTime.UtcNow.Ticks - t0 - overhead;
                if (d < 0) d = 0;
                sum += d;
                if (d < min) min = d;
                if (d > max) max = d;
                histogram[d < histogram.Length ? (int)d : histogram.Length - 1]++;
            }
            var r = new Result();
            r.Ticks = n;
            r.MeanMicros = sum / 10.0 / n;
            r.MinMicros = min / 10.0;
            r.MedianMicros = Percentile(histogram, n, 50) / 10.0;
            r.P99Micros = Percentile(histogram, n, 99) / 10.0;
            r.MaxMicros = max / 10.0;
            return r;
        }

        private static int Percentile(int[] histogram, int n, int percent)
        {
            int wanted = (n * percent + 99) / 100;
            int seen = 0;
            for (int i = 0; i < histogram.Length; i++)
            {
                seen += histogram[i];
                if (seen >= wanted) return i;
            }
            return histogram.Length - 1;
        }
    }
}
