namespace Contracts.Generators.Handlers
{
    /// <summary>
    /// The one place that names a handler shell and its business method, used by the generator (to emit the shell) and
    /// by <see cref="ConsumedContractAnalyzer"/> (to say what is missing), so both always agree.
    /// </summary>
    public static class HandlerShellNames
    {
        /// <summary>The namespace segment under the registry namespace that holds the default shells.</summary>
        public const string DefaultNamespaceSegment = "ContractHandlers";

        /// <summary>The business method the service writes.</summary>
        public const string MethodName = "HandleAsync";

        /// <summary>The metadata name of <c>[assembly: ConsumesContract]</c>.</summary>
        public const string ConsumesAttribute = "Contracts.ConsumesContractAttribute";

        /// <summary>The context type the shell passes; its presence means Contracts.Wolverine is referenced.</summary>
        public const string ContextType = "Contracts.Wolverine.ContractMessageContext";

        /// <summary>
        /// The full name of a subject's shell: the declared <c>Handler</c>, else
        /// <c>&lt;registry namespace&gt;.ContractHandlers.&lt;latest type&gt;Handler</c>.
        /// </summary>
        public static string ShellFullName(string? declared, string registryNamespace, string latestTypeName)
        {
            if (declared is { Length: > 0 }) return declared.Trim();
            var ns = registryNamespace.Trim('.');
            return (ns.Length == 0 ? "" : ns + ".") + DefaultNamespaceSegment + "." + latestTypeName + "Handler";
        }

        /// <summary>The namespace part of a full name ("" for the global namespace).</summary>
        public static string NamespaceOf(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? "" : fullName.Substring(0, dot);
        }

        /// <summary>The simple name part of a full name.</summary>
        public static string SimpleNameOf(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);

        /// <summary>
        /// The business method's declaration (without body or semicolon) with fully qualified type names;
        /// <paramref name="qualifier"/> is <c>global::</c> in generated code and empty in messages.
        /// </summary>
        public static string MethodSignature(string messageType, string qualifier)
            => "private partial " + qualifier + "System.Threading.Tasks.Task " + MethodName + "("
                + qualifier + messageType + " message, "
                + qualifier + ContextType + " context, "
                + qualifier + "System.Threading.CancellationToken cancellation)";
    }
}
