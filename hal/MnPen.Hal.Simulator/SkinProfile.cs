namespace MnPen.Hal.Simulator;

/// <summary>What the needles work against: no skin, or skin of increasing stiffness (see SkinParameters).</summary>
public enum SkinProfile
{
    /// <summary>Pen held in the air: no penetration load.</summary>
    Air = 0,
    /// <summary>Soft, thin skin.</summary>
    Soft = 1,
    /// <summary>Nominal skin.</summary>
    Nominal = 2,
    /// <summary>Tough, thick or scarred skin.</summary>
    Tough = 3,
}
