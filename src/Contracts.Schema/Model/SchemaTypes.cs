using Contracts.Schema.Diagnostics;

namespace Contracts.Schema.Model
{
    /// <summary>The shape of a schema type, independent of the schema language it was written in.</summary>
    public enum SchemaTypeKind
    {
        /// <summary>null</summary>
        Null,
        /// <summary>boolean</summary>
        Boolean,
        /// <summary>32-bit integer</summary>
        Int,
        /// <summary>64-bit integer</summary>
        Long,
        /// <summary>32-bit float</summary>
        Float,
        /// <summary>64-bit float</summary>
        Double,
        /// <summary>byte sequence</summary>
        Bytes,
        /// <summary>Unicode string</summary>
        String,
        /// <summary>record with named fields</summary>
        Record,
        /// <summary>enumeration of symbols</summary>
        Enum,
        /// <summary>array of items</summary>
        Array,
        /// <summary>map from string keys to values</summary>
        Map,
        /// <summary>fixed-size byte sequence</summary>
        Fixed,
        /// <summary>union of branches</summary>
        Union,
        /// <summary>reference to a named type defined elsewhere in the schema (recursion, reuse)</summary>
        Reference,
        /// <summary>any JSON value (JSON Schema <c>{}</c> or <c>true</c>)</summary>
        Any,
    }

    /// <summary>A logical type annotation: uuid, date, time-millis/micros, timestamp-*, local-timestamp-*, decimal, duration.</summary>
    /// <param name="Name">The Avro logical type name (JSON Schema formats map onto the same names).</param>
    /// <param name="Precision">Decimal precision.</param>
    /// <param name="Scale">Decimal scale.</param>
    public sealed record LogicalType(string Name, int Precision = 0, int Scale = 0)
    {
        /// <summary>uuid</summary>
        public const string Uuid = "uuid";
        /// <summary>date</summary>
        public const string Date = "date";
        /// <summary>time-millis</summary>
        public const string TimeMillis = "time-millis";
        /// <summary>time-micros</summary>
        public const string TimeMicros = "time-micros";
        /// <summary>timestamp-millis</summary>
        public const string TimestampMillis = "timestamp-millis";
        /// <summary>timestamp-micros</summary>
        public const string TimestampMicros = "timestamp-micros";
        /// <summary>local-timestamp-millis</summary>
        public const string LocalTimestampMillis = "local-timestamp-millis";
        /// <summary>local-timestamp-micros</summary>
        public const string LocalTimestampMicros = "local-timestamp-micros";
        /// <summary>decimal</summary>
        public const string Decimal = "decimal";
        /// <summary>duration</summary>
        public const string Duration = "duration";
    }

    /// <summary>
    /// A schema type. Named types (record, enum, fixed) are defined where they first appear; later uses are
    /// <see cref="SchemaTypeKind.Reference"/>s by full name, so recursive schemas are finite trees and the
    /// model compares by value.
    /// </summary>
    public abstract record SchemaType(SchemaTypeKind Kind)
    {
        /// <summary>JSON pointer of this type's definition in its file.</summary>
        public string Pointer { get; init; } = "";

        /// <summary>Where the type's definition stands in its file.</summary>
        public SourceSpan? Span { get; init; }

        /// <summary>Extra attributes kept for the canonical JSON form and code generation (e.g. <c>java-class</c>); none by default.</summary>
        public EquatableArray<SchemaProperty> Properties { get; init; } = EquatableArray<SchemaProperty>.Empty;
    }

    /// <summary>A custom attribute on a type or field, value kept as compact JSON.</summary>
    public sealed record SchemaProperty(string Name, string JsonValue);

    /// <summary>A primitive type (null, boolean, int, long, float, double, bytes, string) with an optional logical type.</summary>
    public sealed record PrimitiveType(SchemaTypeKind PrimitiveKind, LogicalType? Logical = null) : SchemaType(PrimitiveKind);

    /// <summary>Any JSON value (JSON Schema only).</summary>
    public sealed record AnyType() : SchemaType(SchemaTypeKind.Any);

    /// <summary>A use of a named type defined elsewhere.</summary>
    public sealed record NamedTypeReference(string FullName) : SchemaType(SchemaTypeKind.Reference);

    /// <summary>An array.</summary>
    public sealed record ArrayType(SchemaType Items) : SchemaType(SchemaTypeKind.Array);

    /// <summary>A map with string keys.</summary>
    public sealed record MapType(SchemaType Values) : SchemaType(SchemaTypeKind.Map);

    /// <summary>A union. <c>["null", T]</c> is how Avro writes an optional value.</summary>
    public sealed record UnionType(EquatableArray<SchemaType> Branches) : SchemaType(SchemaTypeKind.Union)
    {
        /// <summary>True for a two-branch union with one null branch.</summary>
        public bool IsNullableWrapper => Branches.Count == 2 && (Branches[0].Kind == SchemaTypeKind.Null) != (Branches[1].Kind == SchemaTypeKind.Null);

        /// <summary>The non-null branch of a nullable wrapper.</summary>
        public SchemaType? NonNullBranch => IsNullableWrapper ? (Branches[0].Kind == SchemaTypeKind.Null ? Branches[1] : Branches[0]) : null;
    }

    /// <summary>A record, enum or fixed: a type with a full name.</summary>
    public abstract record NamedType(SchemaTypeKind NamedKind, string Name, string? Namespace, string? Doc, EquatableArray<string> Aliases) : SchemaType(NamedKind)
    {
        /// <summary><c>namespace.name</c>, or the name alone without a namespace.</summary>
        public string FullName => string.IsNullOrEmpty(Namespace) ? Name : Namespace + "." + Name;
    }

    /// <summary>A record.</summary>
    public sealed record RecordType(string Name, string? Namespace, string? Doc, EquatableArray<string> Aliases, EquatableArray<FieldDefinition> Fields)
        : NamedType(SchemaTypeKind.Record, Name, Namespace, Doc, Aliases);

    /// <summary>An enum with its symbols and the symbol a reader uses for unknown ones.</summary>
    public sealed record EnumType(string Name, string? Namespace, string? Doc, EquatableArray<string> Aliases, EquatableArray<string> Symbols, string? Default)
        : NamedType(SchemaTypeKind.Enum, Name, Namespace, Doc, Aliases);

    /// <summary>A fixed-size byte sequence, with an optional logical type (decimal, duration, uuid).</summary>
    public sealed record FixedType(string Name, string? Namespace, string? Doc, EquatableArray<string> Aliases, int Size, LogicalType? Logical)
        : NamedType(SchemaTypeKind.Fixed, Name, Namespace, Doc, Aliases);

    /// <summary>Sort order of a record field (Avro <c>order</c>).</summary>
    public enum FieldOrder
    {
        /// <summary>ascending (the default)</summary>
        Ascending,
        /// <summary>descending</summary>
        Descending,
        /// <summary>ignore</summary>
        Ignore,
    }

    /// <summary>A record field.</summary>
    /// <param name="Name">The field name as written in the schema.</param>
    /// <param name="Type">The field type.</param>
    /// <param name="Doc">Documentation.</param>
    /// <param name="DefaultJson">The default as compact JSON, or null when the field has none.</param>
    /// <param name="Aliases">Former names.</param>
    /// <param name="Order">Sort order.</param>
    public sealed record FieldDefinition(string Name, SchemaType Type, string? Doc, string? DefaultJson, EquatableArray<string> Aliases, FieldOrder Order = FieldOrder.Ascending)
    {
        /// <summary>True when the schema gives a default (which may be <c>null</c>).</summary>
        public bool HasDefault => DefaultJson is not null;

        /// <summary>JSON pointer of the field's definition.</summary>
        public string Pointer { get; init; } = "";

        /// <summary>Where the field's definition stands.</summary>
        public SourceSpan? Span { get; init; }

        /// <summary>For JSON Schema: whether the property is listed in <c>required</c> (always true for Avro).</summary>
        public bool Required { get; init; } = true;

        /// <summary>Extra attributes, kept as compact JSON.</summary>
        public EquatableArray<SchemaProperty> Properties { get; init; } = EquatableArray<SchemaProperty>.Empty;
    }
}
