namespace MnPen.Client;

/// <summary>Result of a self-test run over the link.</summary>
public sealed record SelfTestOutcome(bool Passed, IReadOnlyList<int> Faults);
