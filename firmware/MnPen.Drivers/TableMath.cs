namespace MnPen.Drivers
{
    /// <summary>Piecewise-linear lookups in calibration tables (clamped at the ends; no allocation).</summary>
    public static class TableMath
    {
        /// <summary>y at x by linear interpolation in ascending xs; clamps to the first/last y outside the table.</summary>
        public static float Interpolate(float[] xs, float[] ys, float x)
        {
            int n = xs.Length;
            if (n == 0) return 0f;
            if (x <= xs[0]) return ys[0];
            if (x >= xs[n - 1]) return ys[n - 1];
            int i = 1;
            while (i < n - 1 && xs[i] < x) i++;
            float x0 = xs[i - 1];
            float x1 = xs[i];
            float span = x1 - x0;
            if (span <= 0f) return ys[i];
            return ys[i - 1] + (ys[i] - ys[i - 1]) * ((x - x0) / span);
        }

        /// <summary>y at x for integer xs that may run ascending or descending (e.g. feedback counts); clamped.</summary>
        public static float InterpolateCounts(int[] xs, float[] ys, float x)
        {
            int walk = 0;   // no remembered segment: a plain walk from the start
            return InterpolateCounts(xs, ys, x, ref walk);
        }

        /// <summary>
        /// InterpolateCounts starting from the segment found last time (hint, kept by the caller; 0 = none): a slowly
        /// moving input, like filtered feedback, stays in one segment for many ticks, so the walk is skipped. For a
        /// strictly monotonic table the answer is the same as without a hint.
        /// </summary>
        public static float InterpolateCounts(int[] xs, float[] ys, float x, ref int hint)
        {
            int n = xs.Length;
            if (n == 0) return 0f;
            if (n == 1) return ys[0];
            bool ascending = xs[n - 1] >= xs[0];
            float first = xs[0];
            float last = xs[n - 1];
            if (ascending ? x <= first : x >= first) return ys[0];
            if (ascending ? x >= last : x <= last) return ys[n - 1];
            int i = hint;
            // Segment i is the first one reaching x exactly when x is inside its end and beyond its start.
            bool valid = i >= 1 && i < n &&
                         (ascending ? x <= xs[i] && x > xs[i - 1] : x >= xs[i] && x < xs[i - 1]);
            if (!valid)
            {
                // The first segment whose end is at or past x in the table's direction (the last one at the latest).
                i = 1;
                while (i < n - 1 && (ascending ? x > xs[i] : x < xs[i])) i++;
                hint = i;
            }
            float x0 = xs[i - 1];
            float x1 = xs[i];
            float span = x1 - x0;
            if (span == 0f) return ys[i];
            return ys[i - 1] + (ys[i] - ys[i - 1]) * ((x - x0) / span);
        }

        /// <summary>True when the array is strictly ascending and every value is finite.</summary>
        public static bool IsStrictlyAscending(float[] xs)
        {
            if (xs == null || xs.Length == 0) return false;
            for (int i = 0; i < xs.Length; i++)
            {
                if (float.IsNaN(xs[i]) || float.IsInfinity(xs[i])) return false;
                if (i > 0 && xs[i] <= xs[i - 1]) return false;
            }
            return true;
        }

        /// <summary>Clamps value to lo..hi (nanoFramework has no Math.Clamp(int)).</summary>
        public static float Clamp(float value, float lo, float hi)
        {
            if (value < lo) return lo;
            if (value > hi) return hi;
            return value;
        }
    }
}
