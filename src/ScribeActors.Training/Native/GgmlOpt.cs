using System.Runtime.InteropServices;

namespace ScribeActors.Training.Native;

/// <summary>P/Invokes for ggml-opt (<c>libggml-base</c>): datasets, the optimizer context, per-batch evaluation and results.</summary>
internal static unsafe partial class GgmlOpt
{
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_default_params")]
    public static partial GgmlOptParams DefaultParams(IntPtr backendSched, int lossType);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_get_default_optimizer_params")]
    public static partial GgmlOptimizerParams DefaultOptimizerParams(IntPtr userData);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_init")]
    public static partial IntPtr Init(GgmlOptParams parameters);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_free")]
    public static partial void Free(IntPtr opt);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_inputs")]
    public static partial IntPtr Inputs(IntPtr opt);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_outputs")]
    public static partial IntPtr Outputs(IntPtr opt);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_labels")]
    public static partial IntPtr Labels(IntPtr opt);

    /// <summary>Allocates the graph for the next evaluation: forward only, or forward + backward (+ optimizer step every opt_period calls).</summary>
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_alloc")]
    public static partial void Alloc(IntPtr opt, [MarshalAs(UnmanagedType.U1)] bool backward);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_eval")]
    public static partial void Eval(IntPtr opt, IntPtr result);

    /// <summary><c>ggml_opt_epoch(opt, dataset, result_train, result_eval, idata_split, callback_train, callback_eval)</c>: the raw native loop.</summary>
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_epoch")]
    public static partial void Epoch(IntPtr opt, IntPtr dataset, IntPtr resultTrain, IntPtr resultEval, long idataSplit, IntPtr callbackTrain, IntPtr callbackEval);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_init")]
    public static partial IntPtr DatasetInit(int typeData, int typeLabel, long neDatapoint, long neLabel, long ndata, long ndataShard);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_free")]
    public static partial void DatasetFree(IntPtr dataset);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_data")]
    public static partial IntPtr DatasetData(IntPtr dataset);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_labels")]
    public static partial IntPtr DatasetLabels(IntPtr dataset);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_ndata")]
    public static partial long DatasetNData(IntPtr dataset);

    /// <summary>Shuffles the shards <c>[0, idata)</c> with ggml-opt's own generator (a negative <paramref name="idata"/> shuffles all).</summary>
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_shuffle")]
    public static partial void DatasetShuffle(IntPtr opt, IntPtr dataset, long idata);

    /// <summary>Copies batch <paramref name="ibatch"/> (in shuffled order) into the graph's inputs and labels.</summary>
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_get_batch")]
    public static partial void DatasetGetBatch(IntPtr dataset, IntPtr dataBatch, IntPtr labelsBatch, long ibatch);

    /// <summary>Copies the rows of batch <paramref name="ibatch"/> (in shuffled order) into host memory; labels only when the dataset has them.</summary>
    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_dataset_get_batch_host")]
    public static partial void DatasetGetBatchHost(IntPtr dataset, void* dataBatch, nuint dataBytes, void* labelsBatch, long ibatch);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_result_init")]
    public static partial IntPtr ResultInit();

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_result_free")]
    public static partial void ResultFree(IntPtr result);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_result_reset")]
    public static partial void ResultReset(IntPtr result);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_result_ndata")]
    public static partial void ResultNData(IntPtr result, long* ndata);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_result_loss")]
    public static partial void ResultLoss(IntPtr result, double* loss, double* uncertainty);

    [LibraryImport(Ggml.Library, EntryPoint = "ggml_opt_result_accuracy")]
    public static partial void ResultAccuracy(IntPtr result, double* accuracy, double* uncertainty);

    /// <summary>Mean loss of a result (NaN when it holds no data).</summary>
    public static double Loss(IntPtr result)
    {
        double loss, unc;
        ResultLoss(result, &loss, &unc);
        return loss;
    }

    /// <summary>Share of rows whose argmax equals the label's (NaN when it holds no data).</summary>
    public static double Accuracy(IntPtr result)
    {
        double acc, unc;
        ResultAccuracy(result, &acc, &unc);
        return acc;
    }
}
