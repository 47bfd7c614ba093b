using MnPen.Hal;

namespace MnPen.Drivers
{
    /// <summary>
    /// Needle-depth actuator: set-point drive duty from the calibration map (depth to duty), position read back through
    /// the feedback pot (counts to depth through the same map). Without a valid map it drives nothing and reads NaN.
    /// </summary>
    public sealed class DepthActuator
    {
        // ~3 ms at 1 kHz: enough to quiet pot noise without hiding the actuator's 30 ms motion.
        private const float FeedbackAlpha = 0.3f;

        private readonly IPwmChannel _drive;
        private readonly IAdcChannel _feedback;
        private float[] _mapMm;
        private float[] _mapDrive;
        private int[] _mapCounts;
        private float _lookupMm0 = float.NaN, _lookupDrive0, _lookupMm1 = float.NaN, _lookupDrive1;
        private int _lookupNext;
        private int _feedbackSegment;
        private float _slopeMm = float.NaN, _slope;
        private bool _configured;
        private bool _primed;
        private float _filteredCounts;

        /// <summary>Creates the actuator on its drive PWM and feedback ADC; drive stays at 0 until configured.</summary>
        public DepthActuator(IPwmChannel drive, IAdcChannel feedback)
        {
            _drive = drive;
            _feedback = feedback;
        }

        /// <summary>True once a valid calibration map is loaded.</summary>
        public bool Configured => _configured;

        /// <summary>Deepest depth in the calibration map, mm (0 without a map).</summary>
        public float MapMaxMm => _configured ? _mapMm[_mapMm.Length - 1] : 0f;

        /// <summary>Drive duty last applied, 0..1.</summary>
        public float Drive { get; private set; }

        /// <summary>Raw feedback counts of the latest reading.</summary>
        public int FeedbackRaw { get; private set; }

        /// <summary>Measured depth of the latest reading, mm (NaN without a map).</summary>
        public float MeasuredMm { get; private set; } = float.NaN;

        /// <summary>
        /// Loads the calibration map (parallel arrays, depth ascending). Returns false and stays unconfigured if the
        /// map is missing or inconsistent: the pen must then refuse to run rather than guess.
        /// </summary>
        public bool Configure(float[] depthMm, float[] driveDuty, int[] feedbackCounts)
        {
            _configured = false;
            if (depthMm == null || driveDuty == null || feedbackCounts == null) return false;
            int n = depthMm.Length;
            if (n < 2 || driveDuty.Length != n || feedbackCounts.Length != n) return false;
            if (!TableMath.IsStrictlyAscending(depthMm) || depthMm[0] < 0f) return false;
            bool up = feedbackCounts[n - 1] > feedbackCounts[0];
            for (int i = 0; i < n; i++)
            {
                if (float.IsNaN(driveDuty[i]) || driveDuty[i] < 0f || driveDuty[i] > 1f) return false;
                if (i > 0 && driveDuty[i] <= driveDuty[i - 1]) return false;
                if (i > 0 && (up ? feedbackCounts[i] <= feedbackCounts[i - 1] : feedbackCounts[i] >= feedbackCounts[i - 1])) return false;
            }
            _mapMm = depthMm;
            _mapDrive = driveDuty;
            _mapCounts = feedbackCounts;
            ForgetLookups();
            _configured = true;
            return true;
        }

        /// <summary>Drive duty the map gives for a depth, 0..1 (0 without a map).</summary>
        public float DriveForDepth(float mm)
        {
            if (!_configured) return 0f;
            // The depth loop asks for the same few depths (command, limit) tick after tick: two remembered answers
            // save most of the table walks, and give exactly what the walk would.
            if (mm == _lookupMm0) return _lookupDrive0;
            if (mm == _lookupMm1) return _lookupDrive1;
            float drive = TableMath.Interpolate(_mapMm, _mapDrive, mm);
            if (_lookupNext == 0)
            {
                _lookupMm0 = mm;
                _lookupDrive0 = drive;
            }
            else
            {
                _lookupMm1 = mm;
                _lookupDrive1 = drive;
            }
            _lookupNext ^= 1;
            return drive;
        }

        /// <summary>Local slope of the map near a depth, duty per mm (for converting a depth error into drive).</summary>
        public float DriveSlope(float mm)
        {
            if (!_configured) return 0f;
            if (mm == _slopeMm) return _slope;
            const float h = 0.05f;
            float a = TableMath.Interpolate(_mapMm, _mapDrive, mm - h);
            float b = TableMath.Interpolate(_mapMm, _mapDrive, mm + h);
            _slopeMm = mm;
            _slope = (b - a) / (2f * h);
            return _slope;
        }

        private void ForgetLookups()
        {
            _lookupMm0 = float.NaN;
            _lookupMm1 = float.NaN;
            _slopeMm = float.NaN;
        }

        /// <summary>Applies a drive duty (clamped to 0..1) to the actuator.</summary>
        public void SetDrive(float duty)
        {
            if (float.IsNaN(duty) || duty < 0f) duty = 0f;
            if (duty > 1f) duty = 1f;
            if (!_configured) duty = 0f;
            Drive = duty;
            _drive.Duty = duty;
            if (!_drive.Running) _drive.Start();
        }

        /// <summary>Reads the feedback pot and returns the filtered depth, mm.</summary>
        public float Read()
        {
            int raw = _feedback.ReadRaw();
            FeedbackRaw = raw;
            if (!_primed)
            {
                _filteredCounts = raw;
                _primed = true;
            }
            else
            {
                _filteredCounts += (raw - _filteredCounts) * FeedbackAlpha;
            }
            MeasuredMm = _configured ? TableMath.InterpolateCounts(_mapCounts, _mapMm, _filteredCounts, ref _feedbackSegment) : float.NaN;
            return MeasuredMm;
        }
    }
}
