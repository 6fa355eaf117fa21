using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ScribeActors.DemoSites.Layout;

namespace ScribeActors.DemoSites.State;

/// <summary>
/// All server state of the demo sites, in memory. Every operation takes one lock, so each request sees and changes a
/// consistent state, and a form POST and its submission count change together.
/// </summary>
internal sealed partial class DemoStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger<DemoStore> _logger;
    private DemoWorld _world;
    private int _generation;

    public DemoStore(TimeProvider time, ILogger<DemoStore> logger)
    {
        _time = time;
        _logger = logger;
        _world = new DemoWorld(DemoData.Create(1));
    }

    /// <summary>The seed of the current state.</summary>
    public int Seed
    {
        get
        {
            lock (_gate)
            {
                return _world.Data.Seed;
            }
        }
    }

    /// <summary>Goes up at every reset: what was kept about requests before it is forgotten.</summary>
    public int Generation
    {
        get
        {
            lock (_gate)
            {
                return _generation;
            }
        }
    }

    /// <summary>The layout of the current seed.</summary>
    public SiteLayout Layout
    {
        get
        {
            lock (_gate)
            {
                return _world.Layout;
            }
        }
    }

    /// <summary>Drops every session, dispute, report and counter and loads the data of <paramref name="seed"/>.</summary>
    public void Reset(int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        var world = new DemoWorld(DemoData.Create(seed));
        lock (_gate)
        {
            _world = world;
            _generation++;
        }

        LogReset(seed);
    }

    /// <summary>A consistent copy of the whole state.</summary>
    public DemoState Snapshot()
    {
        lock (_gate)
        {
            var w = _world;
            var downloadCounts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var d in w.Downloads)
            {
                downloadCounts[d.InvoiceNumber] = downloadCounts.GetValueOrDefault(d.InvoiceNumber) + 1;
            }

            return new DemoState
            {
                Seed = w.Data.Seed,
                Sessions = [.. w.Sessions.Values.OrderBy(s => s.SignedInAt).ThenBy(s => s.Username, StringComparer.Ordinal)],
                Invoices = [.. w.InvoiceOrder.Select(n => w.Invoices[n])],
                Disputes = [.. w.Disputes],
                Downloads = [.. w.Downloads],
                DownloadCounts = new Dictionary<string, int>(downloadCounts, StringComparer.Ordinal),
                Searches = [.. w.Searches],
                SupportMessages = [.. w.SupportMessages],
                ExpenseReports = [.. w.ReportOrder.Select(id => w.Reports[id])],
                Approvals = [.. w.Approvals],
                Submissions = new Dictionary<string, int>(w.Submissions, StringComparer.Ordinal),
                FailedSubmissions = new Dictionary<string, int>(w.Failures, StringComparer.Ordinal),
                KeyedRepeats = new KeyedRepeatCounts(w.KeyedRepeats.Replayed, w.KeyedRepeats.InProgress, w.KeyedRepeats.Mismatched),
            };
        }
    }

    /// <summary>Counts a successful POST of a form that changes nothing else (for example the newsletter box).</summary>
    public void RecordSubmission(string form)
    {
        lock (_gate)
        {
            _world.Count(form);
        }
    }

    /// <summary>Counts a request that came again under a key the sites had, by its answer.</summary>
    internal void RecordKeyedRepeat(KeyedRepeat answer)
    {
        lock (_gate)
        {
            var (r, p, m) = _world.KeyedRepeats;
            _world.KeyedRepeats = answer switch
            {
                KeyedRepeat.Replayed => (r + 1, p, m),
                KeyedRepeat.InProgress => (r, p + 1, m),
                _ => (r, p, m + 1),
            };
        }
    }

    /// <summary>Counts a POST of <paramref name="form"/> rejected by validation.</summary>
    public void RecordFailure(string form)
    {
        lock (_gate)
        {
            _world.Fail(form);
        }
    }

    /// <summary>Checks credentials for <paramref name="site"/>; on success creates a session and returns its id,
    /// otherwise counts a failed login and returns <see langword="null"/>.</summary>
    public string? SignIn(string site, string username, string password)
    {
        var form = site + ".login";
        var account = DemoAccounts.Find(site, username, password);
        lock (_gate)
        {
            if (account is null)
            {
                _world.Fail(form);
                return null;
            }

            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _world.Sessions[id] = new SignedInUser(site, account.Username, account.DisplayName, account.Role, _time.GetUtcNow());
            _world.Count(form);
            return id;
        }
    }

    /// <summary>The session <paramref name="sessionId"/> of <paramref name="site"/>, if it exists.</summary>
    public SignedInUser? FindSession(string site, string? sessionId)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return null;
        }

        lock (_gate)
        {
            return _world.Sessions.TryGetValue(sessionId, out var s) && s.Site == site ? s : null;
        }
    }

    public void SignOut(string? sessionId)
    {
        if (sessionId is null)
        {
            return;
        }

        lock (_gate)
        {
            _world.Sessions.Remove(sessionId);
        }
    }
}
