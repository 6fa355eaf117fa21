namespace ScribeActors.Training.Tokenizer;

/// <summary>Token types as llama.cpp reads them from <c>tokenizer.ggml.token_type</c>.</summary>
public enum SpmTokenType
{
    /// <summary>An ordinary piece of text.</summary>
    Normal = 1,

    /// <summary>The unknown token (<c>&lt;unk&gt;</c>).</summary>
    Unknown = 2,

    /// <summary>A control token (<c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>).</summary>
    Control = 3,

    /// <summary>One raw byte (<c>&lt;0x00&gt;</c> … <c>&lt;0xFF&gt;</c>), the fallback for characters the vocabulary lacks.</summary>
    Byte = 6,
}
