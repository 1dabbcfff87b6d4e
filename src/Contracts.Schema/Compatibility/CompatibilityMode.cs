namespace Contracts.Schema.Compatibility
{
    /// <summary>
    /// A subject's compatibility mode, with Confluent Schema Registry's meaning.
    /// BACKWARD: the new version can read data written with the previous one. FORWARD: the previous
    /// version can read data written with the new one. FULL: both. *_TRANSITIVE: against every earlier
    /// version, not only the previous one. NONE: no check.
    /// </summary>
    public enum CompatibilityMode
    {
        /// <summary>No check.</summary>
        None,
        /// <summary>The new version reads data written with the previous version.</summary>
        Backward,
        /// <summary>The new version reads data written with every earlier version.</summary>
        BackwardTransitive,
        /// <summary>The previous version reads data written with the new version.</summary>
        Forward,
        /// <summary>Every earlier version reads data written with the new version.</summary>
        ForwardTransitive,
        /// <summary>Backward and forward against the previous version.</summary>
        Full,
        /// <summary>Backward and forward against every earlier version.</summary>
        FullTransitive,
    }

    /// <summary>How a JSON Schema change is judged where Confluent offers a choice.</summary>
    public enum JsonSchemaPolicy
    {
        /// <summary>Confluent's default: an open content model may hold any property, so adding a property to it is a break.</summary>
        Strict,
        /// <summary>Confluent's lenient policy: judged as if open content models held only the declared properties.</summary>
        Lenient,
    }

    /// <summary>Helpers for <see cref="CompatibilityMode"/>.</summary>
    public static class CompatibilityModes
    {
        /// <summary>True when the new version must read older data.</summary>
        public static bool ChecksBackward(this CompatibilityMode mode)
            => mode is CompatibilityMode.Backward or CompatibilityMode.BackwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;

        /// <summary>True when older versions must read the new version's data.</summary>
        public static bool ChecksForward(this CompatibilityMode mode)
            => mode is CompatibilityMode.Forward or CompatibilityMode.ForwardTransitive or CompatibilityMode.Full or CompatibilityMode.FullTransitive;

        /// <summary>True when every earlier version is checked, not only the previous one.</summary>
        public static bool IsTransitive(this CompatibilityMode mode)
            => mode is CompatibilityMode.BackwardTransitive or CompatibilityMode.ForwardTransitive or CompatibilityMode.FullTransitive;

        /// <summary>The Confluent spelling, e.g. <c>BACKWARD_TRANSITIVE</c>.</summary>
        public static string ToConfluentName(this CompatibilityMode mode) => mode switch
        {
            CompatibilityMode.None => "NONE",
            CompatibilityMode.Backward => "BACKWARD",
            CompatibilityMode.BackwardTransitive => "BACKWARD_TRANSITIVE",
            CompatibilityMode.Forward => "FORWARD",
            CompatibilityMode.ForwardTransitive => "FORWARD_TRANSITIVE",
            CompatibilityMode.Full => "FULL",
            _ => "FULL_TRANSITIVE",
        };

        /// <summary>Parses <c>backward</c>, <c>BACKWARD_TRANSITIVE</c>, <c>full-transitive</c> and the like.</summary>
        public static bool TryParse(string? text, out CompatibilityMode mode)
        {
            mode = CompatibilityMode.Backward;
            if (text is null) return false;
            switch (text.Trim().Replace('-', '_').ToUpperInvariant())
            {
                case "NONE": mode = CompatibilityMode.None; return true;
                case "BACKWARD": mode = CompatibilityMode.Backward; return true;
                case "BACKWARD_TRANSITIVE": mode = CompatibilityMode.BackwardTransitive; return true;
                case "FORWARD": mode = CompatibilityMode.Forward; return true;
                case "FORWARD_TRANSITIVE": mode = CompatibilityMode.ForwardTransitive; return true;
                case "FULL": mode = CompatibilityMode.Full; return true;
                case "FULL_TRANSITIVE": mode = CompatibilityMode.FullTransitive; return true;
                default: return false;
            }
        }
    }
}
