using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Contracts.Schema
{
    /// <summary>
    /// An immutable array with value equality, so model records that hold lists compare by content
    /// (the source generator's incremental cache depends on it).
    /// </summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    {
        private readonly T[]? _items;

        /// <summary>Wraps <paramref name="items"/> (not copied; the caller gives up ownership).</summary>
        public EquatableArray(T[] items) => _items = items;

        /// <summary>An empty array.</summary>
        public static EquatableArray<T> Empty => new EquatableArray<T>(Array.Empty<T>());

        /// <summary>Copies a sequence into a new array.</summary>
        public static EquatableArray<T> From(IEnumerable<T> items) => new EquatableArray<T>(items.ToArray());

        /// <inheritdoc/>
        public int Count => _items?.Length ?? 0;

        /// <inheritdoc/>
        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        /// <inheritdoc/>
        public bool Equals(EquatableArray<T> other)
        {
            var a = _items ?? Array.Empty<T>();
            var b = other._items ?? Array.Empty<T>();
            if (ReferenceEquals(a, b)) return true;
            if (a.Length != b.Length) return false;
            var comparer = EqualityComparer<T>.Default;
            for (var i = 0; i < a.Length; i++)
            {
                if (!comparer.Equals(a[i], b[i])) return false;
            }
            return true;
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            unchecked
            {
                var hash = 17;
                foreach (var item in _items ?? Array.Empty<T>())
                {
                    hash = hash * 31 + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
                }
                return hash;
            }
        }

        /// <summary>Value equality.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        /// <inheritdoc/>
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>The items as a read-only span-friendly array copy.</summary>
        public T[] ToArray() => (_items ?? Array.Empty<T>()).ToArray();
    }
}
