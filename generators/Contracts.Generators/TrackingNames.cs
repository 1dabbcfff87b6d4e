namespace Contracts.Generators
{
    /// <summary>Names of the incremental steps, for tests that prove what is cached.</summary>
    public static class TrackingNames
    {
        /// <summary>The generator options reduced from build properties.</summary>
        public const string Options = nameof(Options);
        /// <summary>The settings files' texts.</summary>
        public const string Settings = nameof(Settings);
        /// <summary>One schema file's text.</summary>
        public const string SchemaText = nameof(SchemaText);
        /// <summary>Every <c>*.json</c> AdditionalFile's text (what JSON Schema <c>$ref</c>s may name).</summary>
        public const string JsonFiles = nameof(JsonFiles);
        /// <summary>One schema file with the files its <c>$ref</c>s name.</summary>
        public const string SchemaReferences = nameof(SchemaReferences);
        /// <summary>One schema file parsed.</summary>
        public const string ParsedFile = nameof(ParsedFile);
        /// <summary>Which Wolverine features (message identity, forwarding) are referenced.</summary>
        public const string Wolverine = nameof(Wolverine);
        /// <summary>All parsed files grouped into subjects.</summary>
        public const string Groups = nameof(Groups);
        /// <summary>One subject's spec.</summary>
        public const string Subject = nameof(Subject);
        /// <summary>The registry lines of all subjects.</summary>
        public const string Registry = nameof(Registry);
        /// <summary>The <c>[assembly: ConsumesContract]</c> declarations.</summary>
        public const string ConsumeDeclarations = nameof(ConsumeDeclarations);
        /// <summary>The classes that already have a handler shell's business method (by syntax).</summary>
        public const string ImplementedHandlers = nameof(ImplementedHandlers);
        /// <summary>This project's subjects and their latest types, for handler shells.</summary>
        public const string ConsumableSubjects = nameof(ConsumableSubjects);
        /// <summary>The handler shells to emit.</summary>
        public const string HandlerShells = nameof(HandlerShells);
    }
}
