using System.Collections.Concurrent;
using Azure;
using Orleans.Serialization;
using Orleans.Storage;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>
/// Grain storage shared by the silos of a test cluster that fails the way real storage does: it can stop answering
/// (the storage SDK's error for a refused connection, which Orleans wraps), and it can go back to an earlier snapshot
/// with new ETags, as an emulator restarted on older data loses writes it had acknowledged. Entries are kept serialised,
/// so a grain's in-memory state is never shared with what is "stored".
/// </summary>
public sealed class FaultyStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (byte[] Data, string ETag)> _entries = new();
    private Serializer? _serializer;
    private long _etags;

    /// <summary>While set, every operation fails as if the storage account were unreachable.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Conflicts answered so far (writes with a stale ETag).</summary>
    public int Conflicts => _conflicts;

    /// <summary>Operations refused while <see cref="Unavailable"/>.</summary>
    public int Refused => _refused;

    private int _conflicts;
    private int _refused;

    /// <summary>Uses a silo's serializer (any silo of the in-process cluster will do).</summary>
    public FaultyStorage Attach(Serializer serializer)
    {
        _serializer ??= serializer;
        return this;
    }

    /// <summary>A copy of everything stored now.</summary>
    public IReadOnlyDictionary<string, (byte[] Data, string ETag)> Snapshot() => new Dictionary<string, (byte[], string)>(_entries);

    /// <summary>Goes back to <paramref name="snapshot"/>; every entry gets a new ETag, entries written since are gone.</summary>
    public void RestoreWithNewETags(IReadOnlyDictionary<string, (byte[] Data, string ETag)> snapshot)
    {
        _entries.Clear();
        foreach (var (key, value) in snapshot)
        {
            _entries[key] = (value.Data, NewETag());
        }
    }

    /// <summary>What the one entry whose key contains <paramref name="fragment"/> holds now.</summary>
    public T Read<T>(string fragment)
        where T : class
    {
        var key = _entries.Keys.Single(k => k.Contains(fragment, StringComparison.Ordinal));
        return Serializer.Deserialize<T>(_entries[key].Data) ?? throw new InvalidOperationException($"{key} holds nothing.");
    }

    /// <summary>Changes the one entry whose key contains <paramref name="fragment"/> and gives it a new ETag, as another
    /// activation writing it would.</summary>
    public void Rewrite<T>(string fragment, Action<T> change)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_entries)
        {
            var key = _entries.Keys.Single(k => k.Contains(fragment, StringComparison.Ordinal));
            var state = Serializer.Deserialize<T>(_entries[key].Data) ?? throw new InvalidOperationException($"{key} holds nothing.");
            change(state);
            _entries[key] = (Serializer.SerializeToArray(state), NewETag());
        }
    }

    /// <summary>Deletes the entries whose key contains <paramref name="fragment"/> (lost state).</summary>
    public int Forget(string fragment)
    {
        var keys = _entries.Keys.Where(k => k.Contains(fragment, StringComparison.Ordinal)).ToList();
        foreach (var key in keys)
        {
            _entries.TryRemove(key, out _);
        }

        return keys.Count;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfUnavailable();
        if (_entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = Serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfUnavailable();
        var key = Key(stateName, grainId);
        lock (_entries)
        {
            var stored = _entries.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (stored != grainState.ETag)
            {
                Interlocked.Increment(ref _conflicts);
                throw new InconsistentStateException($"ETag mismatch for {key}: stored {stored ?? "none"}, written {grainState.ETag ?? "none"}", stored, grainState.ETag);
            }

            var etag = NewETag();
            _entries[key] = (Serializer.SerializeToArray(grainState.State), etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfUnavailable();
        var key = Key(stateName, grainId);
        lock (_entries)
        {
            var stored = _entries.TryGetValue(key, out var entry) ? entry.ETag : null;
            if (stored != grainState.ETag)
            {
                Interlocked.Increment(ref _conflicts);
                throw new InconsistentStateException($"ETag mismatch clearing {key}", stored, grainState.ETag);
            }

            _entries.TryRemove(key, out _);
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }

        return Task.CompletedTask;
    }

    private Serializer Serializer => _serializer ?? throw new InvalidOperationException("Attach a serializer first.");

    private void ThrowIfUnavailable()
    {
        if (Unavailable)
        {
            Interlocked.Increment(ref _refused);
            throw new RequestFailedException(0, "Connection refused (127.0.0.1:10000)");
        }
    }

    private string NewETag() => $"\"{Interlocked.Increment(ref _etags)}\"";

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
