namespace MnPen.Protocol
{
    /// <summary>
    /// Physical quantities travel as scaled integers (e.g. millivolts, micrometres): no float byte layout on the wire,
    /// and converting costs no allocation (nanoFramework's BitConverter only offers allocating float conversions).
    /// </summary>
    public static class FixedPoint
    {
        /// <summary>Scale of "micro" fields (value x 1,000,000) used for calibration coefficients.</summary>
        public const float Micro = 1000000f;

        /// <summary>value x scale, rounded to nearest and saturated to int32; NaN maps to 0.</summary>
        public static int ToInt(float value, float scale)
        {
            double v = (double)value * scale;
            if (double.IsNaN(v)) return 0;
            if (v >= 2147483647.0) return int.MaxValue;
            if (v <= -2147483648.0) return int.MinValue;
            return (int)(v >= 0 ? v + 0.5 : v - 0.5);
        }

        /// <summary>raw / scale as a float.</summary>
        public static float ToFloat(int raw, float scale)
        {
            return (float)(raw / (double)scale);
        }
    }
}
