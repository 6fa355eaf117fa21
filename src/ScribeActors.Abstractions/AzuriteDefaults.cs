namespace ScribeActors.Abstractions;

/// <summary>The local Azurite emulator the silo and the client use when no storage account is configured.</summary>
public static class AzuriteDefaults
{
    /// <summary>Azurite's well-known development account on 127.0.0.1 (blob 10000, queue 10001, table 10002).</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
}
