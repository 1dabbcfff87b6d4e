using System;
using System.Collections.Generic;
using System.Linq;

namespace Contracts;

/// <summary>
/// Every contract a process knows, indexed by subject and version, by CLR type and by fingerprint.
/// Built once at startup from one or more generated <c>ContractRegistry.All</c> lists; lookups do not allocate.
/// </summary>
public sealed class ContractCatalog
{
    private readonly Dictionary<(string Subject, int Version), ContractRegistration> _byVersion = new();
    private readonly Dictionary<Type, ContractRegistration> _byType = new();
    private readonly Dictionary<ulong, ContractRegistration> _byFingerprint = new();
    private readonly Dictionary<string, ContractRegistration> _latest = new(StringComparer.Ordinal);
    private readonly List<ContractRegistration> _all = new();

    /// <summary>Builds a catalog from generated registrations.</summary>
    /// <param name="registrations">The registrations, typically the concatenation of generated <c>ContractRegistry.All</c> lists.</param>
    /// <exception cref="ArgumentException">
    /// Two registrations claim the same subject and version with different schemas, or one CLR type twice.
    /// </exception>
    public ContractCatalog(IEnumerable<ContractRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        foreach (var registration in registrations)
        {
            ArgumentNullException.ThrowIfNull(registration, nameof(registrations));
            var info = registration.Info;
            if (_byVersion.TryGetValue((info.Subject, info.Version), out var existing))
            {
                if (existing.Info.Fingerprint != info.Fingerprint)
                {
                    throw new ArgumentException(
                        $"{info.Subject} v{info.Version} is registered twice with different schemas: " +
                        $"{existing.Info.ClrType} (fingerprint {existing.Info.Fingerprint:x16}) and {info.ClrType} (fingerprint {info.Fingerprint:x16}). " +
                        "Two assemblies generated different contracts for one published version; regenerate them from the same schema file.",
                        nameof(registrations));
                }

                // The same contract shared by two assemblies (same schema): the first registration wins for
                // subject/version and fingerprint lookups, and both CLR types stay resolvable.
                _byType.TryAdd(info.ClrType, registration);
                continue;
            }

            _byVersion.Add((info.Subject, info.Version), registration);
            if (!_byType.TryAdd(info.ClrType, registration))
            {
                throw new ArgumentException($"{info.ClrType} is registered for two contracts.", nameof(registrations));
            }

            _byFingerprint.TryAdd(info.Fingerprint, registration);
            _all.Add(registration);
            if (!_latest.TryGetValue(info.Subject, out var latest) || latest.Info.Version < info.Version)
            {
                _latest[info.Subject] = registration;
            }
        }
    }

    /// <summary>Every registered contract version, in registration order.</summary>
    public IReadOnlyList<ContractRegistration> All => _all;

    /// <summary>Every subject, in ordinal order.</summary>
    public IEnumerable<string> Subjects => _latest.Keys.OrderBy(s => s, StringComparer.Ordinal);

    /// <summary>The registration of a subject's version, or <see langword="null"/>.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="version">The version.</param>
    public ContractRegistration? Find(string subject, int version)
        => _byVersion.TryGetValue((subject, version), out var registration) ? registration : null;

    /// <summary>The registration whose generated type is <paramref name="clrType"/>, or <see langword="null"/>.</summary>
    /// <param name="clrType">A generated contract type.</param>
    public ContractRegistration? Find(Type clrType)
        => _byType.TryGetValue(clrType, out var registration) ? registration : null;

    /// <summary>The registration whose schema has this CRC-64-AVRO fingerprint, or <see langword="null"/>.</summary>
    /// <param name="fingerprint">The fingerprint of the schema's Parsing Canonical Form.</param>
    public ContractRegistration? FindByFingerprint(ulong fingerprint)
        => _byFingerprint.TryGetValue(fingerprint, out var registration) ? registration : null;

    /// <summary>The latest known version of <paramref name="subject"/>, or <see langword="null"/> when the subject is unknown.</summary>
    /// <param name="subject">The subject.</param>
    public ContractRegistration? Latest(string subject)
        => _latest.TryGetValue(subject, out var registration) ? registration : null;
}
