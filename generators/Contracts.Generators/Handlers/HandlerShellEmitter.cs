using Contracts.Generators.Emit;

namespace Contracts.Generators.Handlers
{
    /// <summary>
    /// Emits one handler shell: a public partial class with the <c>Handle</c> method Wolverine discovers, taking the
    /// subject's latest version (so <c>UseContracts</c> upcasts, validates, de-duplicates and traces it like any handler
    /// of that type), building the <c>ContractMessageContext</c> and calling the business method the service writes.
    /// </summary>
    internal static class HandlerShellEmitter
    {
        public static string Emit(HandlerShellSpec shell)
        {
            var ns = HandlerShellNames.NamespaceOf(shell.ShellFullName);
            var name = HandlerShellNames.SimpleNameOf(shell.ShellFullName);
            var message = "global::" + shell.MessageType;
            var w = new SourceWriter();
            w.Header();
            if (ns.Length > 0) w.Open("namespace " + ns);
            CSharpSyntax.Summary(w, "Wolverine handler of " + shell.Subject + ", generated from [assembly: ConsumesContract(\"" + shell.Subject + "\")]. "
                + "Write the business method " + HandlerShellNames.MethodName + " in your partial part of this class; constructor injection goes there too.");
            w.Line(CSharpSyntax.GeneratedCodeAttribute);
            w.Open("public sealed partial class " + name);
            w.Line("/// <summary>Called by Wolverine with the message upcast to the latest version; hands it to <c>" + HandlerShellNames.MethodName + "</c>.</summary>");
            w.Line("/// <param name=\"message\">The message, as the subject's latest version.</param>");
            w.Line("/// <param name=\"bus\">Wolverine's context of the message.</param>");
            w.Line("/// <param name=\"cancellation\">Host shutdown.</param>");
            w.Line("/// <returns>The business method's task.</returns>");
            w.Line("public global::System.Threading.Tasks.Task Handle(" + message + " message, global::Wolverine.IMessageContext bus, global::System.Threading.CancellationToken cancellation)");
            w.Line("    => " + HandlerShellNames.MethodName + "(message, global::" + HandlerShellNames.ContextType + ".For(message, bus), cancellation);");
            w.Line();
            w.Line(HandlerShellNames.MethodSignature(shell.MessageType, "global::") + ";");
            w.Close();
            if (ns.Length > 0) w.Close();
            return w.ToString();
        }
    }
}
