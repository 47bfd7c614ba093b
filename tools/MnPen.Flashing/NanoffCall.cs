namespace MnPen.Flashing;

/// <summary>One nanoff invocation: which step it is and its arguments.</summary>
public sealed record NanoffCall(NanoffStep Step, string[] Arguments);
