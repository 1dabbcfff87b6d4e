namespace Contracts.Schema.Diagnostics
{
    public static partial class DiagnosticCatalog
    {
        /// <summary>CTR1001: the file is not valid JSON.</summary>
        public const string InvalidJson = "CTR1001";
        /// <summary>CTR1002: a schema element has the wrong shape (missing or mistyped attribute).</summary>
        public const string InvalidSchemaShape = "CTR1002";
        /// <summary>CTR1003: a type name that is neither a primitive nor a defined named type.</summary>
        public const string UnknownType = "CTR1003";
        /// <summary>CTR1004: two fields of one record share a name.</summary>
        public const string DuplicateField = "CTR1004";
        /// <summary>CTR1005: a default value does not match its field's type.</summary>
        public const string InvalidDefault = "CTR1005";
        /// <summary>CTR1006: a logical type with bad parameters or on the wrong underlying type.</summary>
        public const string InvalidLogicalType = "CTR1006";
        /// <summary>CTR1007: a name or namespace that Avro does not allow.</summary>
        public const string InvalidName = "CTR1007";
        /// <summary>CTR1008: a named type defined twice.</summary>
        public const string DuplicateNamedType = "CTR1008";
        /// <summary>CTR1009: an enum with bad or duplicate symbols, or a default that is not a symbol.</summary>
        public const string InvalidEnum = "CTR1009";
        /// <summary>CTR1010: a fixed type without a valid size.</summary>
        public const string InvalidFixedSize = "CTR1010";
        /// <summary>CTR1011: an unknown logical type (ignored: the underlying type is used).</summary>
        public const string UnknownLogicalType = "CTR1011";
        /// <summary>CTR1012: a union that nests a union or repeats a branch type.</summary>
        public const string InvalidUnion = "CTR1012";
        /// <summary>CTR1013: a JSON object that names one member twice.</summary>
        public const string DuplicateJsonMember = "CTR1013";
        /// <summary>CTR1014: two names that collide once mapped to C# identifiers.</summary>
        public const string CSharpNameCollision = "CTR1014";
        /// <summary>CTR1015: a <c>$ref</c> that does not resolve.</summary>
        public const string UnresolvedReference = "CTR1015";
        /// <summary>CTR1016: a JSON Schema construct with no contract mapping.</summary>
        public const string UnsupportedJsonSchema = "CTR1016";
        /// <summary>CTR1020: a schema file name that does not follow <c>&lt;Name&gt;.v&lt;N&gt;.avsc</c> / <c>.schema.json</c>.</summary>
        public const string InvalidFileName = "CTR1020";
        /// <summary>CTR1021: a subject's versions have a gap or do not start at 1.</summary>
        public const string VersionGap = "CTR1021";
        /// <summary>CTR1022: two files claim the same subject and version.</summary>
        public const string DuplicateVersion = "CTR1022";
        /// <summary>CTR1023: the file name disagrees with the schema inside (name or declared version).</summary>
        public const string FileNameMismatch = "CTR1023";
        /// <summary>CTR1024: a settings file that cannot be read or holds an unknown setting.</summary>
        public const string InvalidSettings = "CTR1024";
        /// <summary>CTR1025: a partition or idempotency key that names no top-level field.</summary>
        public const string InvalidKeyField = "CTR1025";

        static partial void RegisterSchemaRules()
        {
            Add(InvalidJson, "Schema file is not valid JSON", SchemaCategory);
            Add(InvalidSchemaShape, "Schema element has the wrong shape", SchemaCategory);
            Add(UnknownType, "Unknown type name", SchemaCategory);
            Add(DuplicateField, "Duplicate field name", SchemaCategory);
            Add(InvalidDefault, "Default value does not match the field type", SchemaCategory);
            Add(InvalidLogicalType, "Invalid logical type", SchemaCategory);
            Add(InvalidName, "Invalid name or namespace", SchemaCategory);
            Add(DuplicateNamedType, "Named type defined twice", SchemaCategory);
            Add(InvalidEnum, "Invalid enum", SchemaCategory);
            Add(InvalidFixedSize, "Invalid fixed size", SchemaCategory);
            Add(UnknownLogicalType, "Unknown logical type", SchemaCategory, DiagnosticSeverity.Warning);
            Add(InvalidUnion, "Invalid union", SchemaCategory);
            Add(DuplicateJsonMember, "Duplicate JSON member", SchemaCategory);
            Add(CSharpNameCollision, "Names collide in C#", SchemaCategory);
            Add(UnresolvedReference, "Unresolved $ref", SchemaCategory);
            Add(UnsupportedJsonSchema, "Unsupported JSON Schema construct", SchemaCategory);
            Add(InvalidFileName, "Schema file name does not follow the convention", SchemaCategory);
            Add(VersionGap, "Version gap", SchemaCategory);
            Add(DuplicateVersion, "Duplicate subject version", SchemaCategory);
            Add(FileNameMismatch, "File name disagrees with the schema", SchemaCategory);
            Add(InvalidSettings, "Invalid settings file", SchemaCategory);
            Add(InvalidKeyField, "Key field does not exist", SchemaCategory);
        }
    }
}
