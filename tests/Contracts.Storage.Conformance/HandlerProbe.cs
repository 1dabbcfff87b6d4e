using System.Collections.Concurrent;
using System.Linq;

namespace Contracts.Storage.Conformance;

/// <summary>Records what the handlers did, per host, so that tests can wait for it and count it.</summary>
public sealed class HandlerProbe
{
    private readonly ConcurrentQueue<(string Handler, string Key)> _runs = new();
    private readonly ConcurrentQueue<(string Handler, string Key)> _successes = new();
    private readonly ConcurrentDictionary<string, bool> _fixed = new();

    public void Ran(string handler, string key) => _runs.Enqueue((handler, key));

    public void Succeeded(string handler, string key) => _successes.Enqueue((handler, key));

    public int Runs(string handler, string key) => _runs.Count(r => r.Handler == handler && r.Key == key);

    public int Successes(string handler, string key) => _successes.Count(r => r.Handler == handler && r.Key == key);

    public void Fix(string key) => _fixed[key] = true;

    public bool IsFixed(string key) => _fixed.ContainsKey(key);
}
