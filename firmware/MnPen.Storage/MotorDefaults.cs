namespace MnPen.Storage
{
    /// <summary>
    /// The reference motor's constants, given to a calibration record that predates per-pen motor measurement (schema
    /// v1..v3) so that it keeps working exactly as before: the rate loop and the jam and plausibility checks then use
    /// the nominal motor, as all pens did. Source: the motor's data (17 mm coreless class, 3.0 Ω terminal resistance,
    /// speed constant 1836 rpm/V = 0.0052 V·s/rad; SafetyLimits and the simulator's DcMotorParameters cite the same).
    /// </summary>
    public static class MotorDefaults
    {
        /// <summary>Nominal motor terminal resistance, ohms.</summary>
        public const float NominalResistanceOhms = 3.0f;

        /// <summary>Nominal motor back-EMF constant, V·s/rad.</summary>
        public const float NominalBackEmfVoltSecondsPerRad = 0.0052f;

        /// <summary>
        /// Plausible bounds of a measured resistance, ohms: nominal ±30 % is the widest spread the design accepts (the
        /// motor's ±10 % data-sheet tolerance, ageing and a hot winding at +0.4 %/K), with margin for the measurement.
        /// </summary>
        public const float ResistanceMinOhms = 1.5f, ResistanceMaxOhms = 6.0f;

        /// <summary>Plausible bounds of a measured back-EMF constant, V·s/rad (nominal ±30 % with margin).</summary>
        public const float BackEmfMin = 0.0026f, BackEmfMax = 0.0104f;

        /// <summary>Gives a calibration without measured motor constants the nominal ones and marks them as not measured.</summary>
        public static void ApplyNominal(Calibration c)
        {
            c.MotorResistanceOhms = NominalResistanceOhms;
            c.MotorBackEmfVoltSecondsPerRad = NominalBackEmfVoltSecondsPerRad;
            c.MotorCalibrated = false;
        }
    }
}
