/**
 * GGUF files (llama.cpp's format, versions 2 and 3): {@link dev.editgate.model.gguf.GgufFile}
 * validates the header and reads tensors raw or dequantised to float32, bit-exact with llama.cpp
 * for F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K and Q8_K; {@link
 * dev.editgate.model.gguf.GgufMetadata} exposes the model and tokenizer keys; {@link
 * dev.editgate.model.gguf.GgufTokenizerExport} writes a Hugging Face tokenizer.json.
 *
 * <p>Tensor names stay llama.cpp's ({@code blk.0.attn_q.weight}); mapping them to Hugging Face
 * names, and undoing what llama.cpp's converter changed (LLaMA's q/k row permutation, Gemma's norm
 * weights stored as {@code w + 1}), is the model loader's job.
 */
package dev.editgate.model.gguf;
