using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;
using AvroSchema = Avro.Schema;

namespace Contracts.Generators.Tests.Upcasting;

/// <summary>
/// Apache.Avro as the oracle of schema resolution: a datum given as JSON is written with the writer schema by
/// <c>GenericDatumWriter</c>, read back with <c>GenericDatumReader(writer, reader)</c>, and written with the reader
/// schema. Only test code: the JSON form is Avro's JSON encoding (a union value may be wrapped as
/// <c>{"branch name": value}</c>; unwrapped, the first branch of the value's JSON kind is taken).
/// </summary>
internal static class AvroResolutionOracle
{
    public static byte[] Write(string schemaText, JsonElement datum)
    {
        var schema = AvroSchema.Parse(schemaText);
        return Encode(schema, ToGeneric(schema, datum));
    }

    /// <summary>The reader-schema bytes of what Apache.Avro resolves the writer bytes to.</summary>
    public static byte[] Resolve(string writerText, string readerText, byte[] writerBytes)
    {
        var writer = AvroSchema.Parse(writerText);
        var reader = AvroSchema.Parse(readerText);
        using var stream = new MemoryStream(writerBytes);
        var value = new GenericDatumReader<object>(writer, reader).Read(null!, new BinaryDecoder(stream));
        return Encode(reader, value);
    }

    private static byte[] Encode(AvroSchema schema, object? value)
    {
        using var stream = new MemoryStream();
        var encoder = new BinaryEncoder(stream);
        new GenericDatumWriter<object>(schema).Write(value!, encoder);
        encoder.Flush();
        return stream.ToArray();
    }

    private static object? ToGeneric(AvroSchema schema, JsonElement json)
    {
        switch (schema)
        {
            case RecordSchema record:
                var generic = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    generic.Add(field.Name, ToGeneric(field.Schema, json.GetProperty(field.Name)));
                }
                return generic;
            case EnumSchema enumSchema:
                return new GenericEnum(enumSchema, json.GetString()!);
            case FixedSchema fixedSchema:
                return new GenericFixed(fixedSchema, Bytes(json.GetString()!));
            case ArraySchema array:
                return json.EnumerateArray().Select(item => ToGeneric(array.ItemSchema, item)).ToArray();
            case MapSchema map:
                var dictionary = new Dictionary<string, object?>();
                foreach (var member in json.EnumerateObject()) dictionary[member.Name] = ToGeneric(map.ValueSchema, member.Value);
                return dictionary;
            case UnionSchema union:
                return Branch(union, json);
            case LogicalSchema logical:
                return logical.LogicalTypeName switch
                {
                    "uuid" => Guid.Parse(json.GetString()!),
                    "timestamp-millis" => DateTime.UnixEpoch.AddMilliseconds(json.GetInt64()),
                    _ => throw new NotSupportedException("logical type " + logical.LogicalTypeName + " in a test datum"),
                };
            case PrimitiveSchema primitive:
                return primitive.Tag switch
                {
                    AvroSchema.Type.Null => null,
                    AvroSchema.Type.Boolean => json.GetBoolean(),
                    AvroSchema.Type.Int => json.GetInt32(),
                    AvroSchema.Type.Long => json.GetInt64(),
                    AvroSchema.Type.Float => json.GetSingle(),
                    AvroSchema.Type.Double => json.GetDouble(),
                    AvroSchema.Type.Bytes => Bytes(json.GetString()!),
                    _ => json.GetString(),
                };
            default:
                throw new NotSupportedException("schema " + schema.Tag + " in a test datum");
        }
    }

    private static object? Branch(UnionSchema union, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null) return null;
        if (json.ValueKind == JsonValueKind.Object && json.EnumerateObject().Count() == 1)
        {
            var only = json.EnumerateObject().Single();
            var named = union.Schemas.FirstOrDefault(s => BranchName(s) == only.Name);
            if (named is not null) return ToGeneric(named, only.Value);
        }
        var fitting = union.Schemas.First(s => Fits(s, json));
        return ToGeneric(fitting, json);
    }

    private static string BranchName(AvroSchema schema) => schema switch
    {
        NamedSchema named => named.Fullname,
        LogicalSchema logical => BranchName(logical.BaseSchema),
        _ => schema.Tag.ToString().ToLowerInvariant(),
    };

    private static bool Fits(AvroSchema schema, JsonElement json) => (schema.Tag, json.ValueKind) switch
    {
        (AvroSchema.Type.Null, JsonValueKind.Null) => true,
        (AvroSchema.Type.Boolean, JsonValueKind.True or JsonValueKind.False) => true,
        (AvroSchema.Type.Int or AvroSchema.Type.Long or AvroSchema.Type.Float or AvroSchema.Type.Double, JsonValueKind.Number) => true,
        (AvroSchema.Type.String or AvroSchema.Type.Bytes or AvroSchema.Type.Enumeration or AvroSchema.Type.Fixed, JsonValueKind.String) => true,
        (AvroSchema.Type.Record or AvroSchema.Type.Map, JsonValueKind.Object) => true,
        (AvroSchema.Type.Array, JsonValueKind.Array) => true,
        (AvroSchema.Type.Logical, _) => Fits(((LogicalSchema)schema).BaseSchema, json),
        _ => false,
    };

    // Avro's JSON form of bytes: one character per byte (code points 0-255).
    private static byte[] Bytes(string text) => text.Select(c => checked((byte)c)).ToArray();
}
