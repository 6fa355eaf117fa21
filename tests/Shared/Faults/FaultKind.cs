namespace ScribeActors.Testing.Faults;

/// <summary>What a fault round does to the cluster while its workflows run.</summary>
public enum FaultKind
{
    /// <summary>Nothing: the baseline a fault round is compared with.</summary>
    None,

    /// <summary>kill -9 of the silo hosting the most workflows (a new silo takes its place).</summary>
    KillHostingSilo,

    /// <summary>kill -9 of every silo, then one new silo starts.</summary>
    KillEverySilo,

    /// <summary>kill -9 of Azurite, restarted on the same data 5 s later (writes it had acknowledged may be lost).</summary>
    RestartAzurite,

    /// <summary>SIGSTOP of Azurite for 5 s (nothing answers, connections stay open), then SIGCONT.</summary>
    FreezeAzurite,

    /// <summary>kill -9 of the Chromium of the silo hosting the most workflows (the silo stays up).</summary>
    KillChromium,
}
