using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Contracts.Schema.Model;

namespace Contracts.Schema.Compatibility.Avro
{
    /// <summary>
    /// Avro's schema-resolution rules, in one place: the compatibility checker asks them whether a reader can
    /// read a writer, and the upcast planner (<see cref="Upcasting.UpcastPlanner"/>) asks them how.
    /// </summary>
    internal static class AvroResolution
    {
        // Writer field positions by name, computed once per record definition.
        private static readonly ConditionalWeakTable<RecordType, Dictionary<string, int>> FieldIndexes = new ConditionalWeakTable<RecordType, Dictionary<string, int>>();

        private static readonly ConditionalWeakTable<RecordType, Dictionary<string, int>>.CreateValueCallback BuildFieldIndexCallback = BuildFieldIndex;

        /// <summary>Avro's promotions: int to long, float, double; long to float, double; float to double; string and bytes both ways.</summary>
        public static bool Promotes(SchemaTypeKind writer, SchemaTypeKind reader) => reader switch
        {
            SchemaTypeKind.Long => writer == SchemaTypeKind.Int,
            SchemaTypeKind.Float => writer is SchemaTypeKind.Int or SchemaTypeKind.Long,
            SchemaTypeKind.Double => writer is SchemaTypeKind.Int or SchemaTypeKind.Long or SchemaTypeKind.Float,
            SchemaTypeKind.Bytes => writer == SchemaTypeKind.String,
            SchemaTypeKind.String => writer == SchemaTypeKind.Bytes,
            _ => false,
        };

        /// <summary>
        /// Whether a reader named type stands for a writer one: Java compares the unqualified names, then looks for
        /// the writer's full name among the reader's aliases.
        /// </summary>
        public static bool NamesMatch(NamedType reader, NamedType writer)
            => string.Equals(reader.Name, writer.Name, StringComparison.Ordinal)
               || (reader.Aliases.Count > 0 && Contains(reader.Aliases, writer.FullName));

        /// <summary>The writer record's field positions by name.</summary>
        public static Dictionary<string, int> FieldIndex(RecordType writer) => FieldIndexes.GetValue(writer, BuildFieldIndexCallback);

        /// <summary>
        /// The position of the writer field a reader field reads: by its name or one of its aliases; -1 when none.
        /// <paramref name="ambiguous"/> is set when several writer fields match.
        /// </summary>
        public static int MatchWriterField(FieldDefinition readerField, Dictionary<string, int> writerIndex, out bool ambiguous)
        {
            var matched = -1;
            ambiguous = false;
            if (writerIndex.TryGetValue(readerField.Name, out var direct)) matched = direct;
            for (var a = 0; a < readerField.Aliases.Count; a++)
            {
                if (!writerIndex.TryGetValue(readerField.Aliases[a], out var byAlias)) continue;
                if (matched >= 0) ambiguous = true;
                else matched = byAlias;
            }
            return matched;
        }

        /// <summary>
        /// The reader symbol a writer symbol is read as: the same symbol, or else the reader enum's default;
        /// -1 when there is neither (the datum cannot be read).
        /// </summary>
        public static int ReadSymbol(EnumType reader, string writerSymbol)
        {
            var index = IndexOf(reader.Symbols, writerSymbol);
            if (index >= 0) return index;
            return reader.Default is null ? -1 : IndexOf(reader.Symbols, reader.Default);
        }

        public static bool Contains(EquatableArray<string> items, string value) => IndexOf(items, value) >= 0;

        private static int IndexOf(EquatableArray<string> items, string value)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (string.Equals(items[i], value, StringComparison.Ordinal)) return i;
            }
            return -1;
        }

        private static Dictionary<string, int> BuildFieldIndex(RecordType record)
        {
            var index = new Dictionary<string, int>(record.Fields.Count, StringComparer.Ordinal);
            for (var i = 0; i < record.Fields.Count; i++) index[record.Fields[i].Name] = i;
            return index;
        }
    }
}
