using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;
using Contracts.Wolverine.EventLog;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Contracts.Storage.Sqlite.Internal;

/// <summary>
/// Reads event-log rows (selected with <see cref="EventLogColumns.Log"/>) straight from the SQLite statement, for
/// replay's hot path: text columns are read as UTF-8 spans, so the format is one of two constants, the message id is
/// parsed without a string, and subjects and stream keys repeated within a page are one string each. Only the payload
/// and the rarely set header columns allocate per row. <see cref="SqliteDataReader"/> allocates a string for every
/// text column and a second copy of every blob.
/// </summary>
internal sealed class EventLogRowReader : IDisposable
{
    private const int MaxInterned = 4096;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, string> _interned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private char[] _chars = new char[128];

    public EventLogRowReader(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _lookup = _interned.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void BindIfSet(int index, long? value)
    {
        if (value is { } set)
        {
            Bind(index, set);
        }
    }

    public void BindIfSet(int index, string? value)
    {
        if (value is not null)
        {
            Check(raw.sqlite3_bind_text(_statement, index, value));
        }
    }

    /// <summary>Steps to the next row; false at the end.</summary>
    public bool Next()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        Check(rc);
        return false;
    }

    /// <summary>The current row, in the column order of <see cref="EventLogColumns.Log"/>.</summary>
    public EventLogRecord Record() => new(
        raw.sqlite3_column_int64(_statement, 0),
        IsNull(1) ? null : Interned(1),
        IsNull(2) ? null : raw.sqlite3_column_int64(_statement, 2),
        Interned(3),
        raw.sqlite3_column_int(_statement, 4),
        unchecked((ulong)raw.sqlite3_column_int64(_statement, 5)),
        Format(6),
        raw.sqlite3_column_blob(_statement, 7).ToArray(),
        MessageId(8),
        Text(9),
        Text(10),
        Text(11),
        Text(12),
        DateTimeOffset.FromUnixTimeMilliseconds(raw.sqlite3_column_int64(_statement, 13)));

    private bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    private string? Text(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    private string Format(int column)
    {
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        return utf8.SequenceEqual("avro"u8) ? EventPayloadFormat.Avro
            : utf8.SequenceEqual("json"u8) ? EventPayloadFormat.Json
            : Encoding.UTF8.GetString(utf8);
    }

    private Guid MessageId(int column) =>
        Utf8Parser.TryParse(raw.sqlite3_column_blob(_statement, column), out Guid id, out var consumed, 'D') && consumed == 36
            ? id
            : Guid.Parse(Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column)));

    /// <summary>One string per distinct value: replayed pages repeat a handful of subjects and a bounded set of stream keys.</summary>
    private string Interned(int column)
    {
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
        if (_lookup.TryGetValue(chars, out var known))
        {
            return known;
        }

        var text = new string(chars);
        if (_interned.Count < MaxInterned)
        {
            _interned.Add(text, text);
        }

        return text;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();
}
