namespace Contracts.Generators.Upcasting
{
    /// <summary>
    /// Names of the properties that diagnostic <c>CTR5001</c> (a missing hand-written upcast step) carries, so a
    /// code fix can write the method without parsing the message.
    /// </summary>
    public static class UpcastDiagnosticProperties
    {
        /// <summary>Fully qualified name of the partial class to extend, without <c>global::</c> (e.g. <c>Shop.Contracts.Orders.ShippingAddressChangedUpcasters</c>).</summary>
        public const string ContainingType = nameof(ContainingType);

        /// <summary>The namespace of that class (empty for the global namespace).</summary>
        public const string Namespace = nameof(Namespace);

        /// <summary>The C# declaration to write, without body or semicolon (e.g. <c>static partial void UpcastFromV1(ShippingAddressChangedV1 value, ref ShippingAddressChanged? result)</c>).</summary>
        public const string MethodSignature = nameof(MethodSignature);

        /// <summary>The subject.</summary>
        public const string Subject = nameof(Subject);

        /// <summary>The older version of the step (invariant digits).</summary>
        public const string FromVersion = nameof(FromVersion);

        /// <summary>The newer version of the step (invariant digits).</summary>
        public const string ToVersion = nameof(ToVersion);
    }
}
