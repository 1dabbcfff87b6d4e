namespace Contracts.Generators.Handlers
{
    /// <summary>The properties of diagnostic <c>CTR3005</c> (a handler shell's business method is missing), for the code fix.</summary>
    public static class HandlerDiagnosticProperties
    {
        /// <summary>Full name of the shell class, without <c>global::</c> (e.g. <c>Orders.ContractHandlers.OrderPlacedHandler</c>).</summary>
        public const string ContainingType = nameof(ContainingType);

        /// <summary>The shell's namespace (empty for the global namespace).</summary>
        public const string Namespace = nameof(Namespace);

        /// <summary>The business method's declaration, <c>global::</c>-qualified, without body or semicolon.</summary>
        public const string MethodSignature = nameof(MethodSignature);

        /// <summary>The consumed subject.</summary>
        public const string Subject = nameof(Subject);
    }
}
