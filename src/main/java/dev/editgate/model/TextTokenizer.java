package dev.editgate.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (through DJL's tokenizers binding) with the model's special
 * token ids. Encoding with special tokens adds what the tokenizer's post-processor adds (BOS for
 * LLaMA), exactly as {@code tokenizer(text)} does in Python; no truncation, no padding.
 */
public final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final int bosId;
  private final int eosId;
  private final int padId;

  private TextTokenizer(HuggingFaceTokenizer tokenizer, int bosId, int eosId, int padId) {
    this.tokenizer = tokenizer;
    this.bosId = bosId;
    this.eosId = eosId;
    this.padId = padId;
  }

  /**
   * Loads {@code tokenizer.json} from a model folder; special ids come from {@code config.json},
   * then {@code generation_config.json} (later files win), -1 when none names them.
   */
  public static TextTokenizer load(Path modelDir, ModelConfig config) {
    Path file = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(
          modelDir + ": no tokenizer.json; a Hugging Face model folder needs one (a fast tokenizer)");
    }
    int bos = config.bosTokenId();
    int eos = config.eosTokenId();
    int pad = config.padTokenId();
    Path gen = modelDir.resolve("generation_config.json");
    if (Files.isRegularFile(gen)) {
      try {
        JsonNode node = new ObjectMapper().readTree(gen.toFile());
        bos = firstId(node.get("bos_token_id"), bos);
        eos = firstId(node.get("eos_token_id"), eos);
        pad = firstId(node.get("pad_token_id"), pad);
      } catch (IOException e) {
        throw new ModelLoadException(gen + ": not valid JSON: " + e.getMessage(), e);
      }
    }
    try {
      HuggingFaceTokenizer tk =
          HuggingFaceTokenizer.newInstance(
              file,
              Map.of(
                  "addSpecialTokens", "true",
                  "truncation", "false",
                  "padding", "false",
                  "maxLength", String.valueOf(Integer.MAX_VALUE / 2)));
      return new TextTokenizer(tk, bos, eos, pad >= 0 ? pad : (eos >= 0 ? eos : 0));
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(file + ": cannot load tokenizer: " + e.getMessage(), e);
    }
  }

  private static int firstId(JsonNode node, int fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isArray()) {
      return node.isEmpty() ? fallback : node.get(0).asInt();
    }
    return node.asInt();
  }

  /** Token ids of {@code text}, with the tokenizer's special tokens (BOS for LLaMA). */
  public int[] encode(String text) {
    return encode(text, true);
  }

  public int[] encode(String text, boolean addSpecialTokens) {
    long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = (int) ids[i];
    }
    return out;
  }

  /** Text of {@code ids}, special tokens skipped. */
  public String decode(int[] ids) {
    long[] l = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      l[i] = ids[i];
    }
    return tokenizer.decode(l, true);
  }

  public String decode(List<Integer> ids) {
    return decode(ids.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The string piece of each token of {@code text} (for diagnostics). */
  public List<String> pieces(String text) {
    return tokenizer.encode(text, false, false).getTokens().length == 0
        ? List.of()
        : List.of(tokenizer.encode(text, false, false).getTokens());
  }

  public int bosId() {
    return bosId;
  }

  public int eosId() {
    return eosId;
  }

  /** Id used to pad batches (masked out, so its value never matters): pad, else EOS, else 0. */
  public int padId() {
    return padId;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
