package dev.editgate.edit.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where second moments came from, as used, not as asked: recorded in every statistics file's
 * metadata and in the edit log ({@code edits.jsonl}, under {@code second_moments}).
 *
 * @param corpus the corpus path
 * @param corpusHash first 16 hex digits of its SHA-256
 * @param documents the document range it was allowed to use
 * @param available documents in that range
 * @param requested {@code mom2_n_samples}
 * @param used documents that contributed keys (fewer than requested when the range holds fewer)
 * @param tokens keys summed (real tokens of the used documents, after truncation)
 * @param truncated documents cut at {@code maxLength}
 * @param maxLength tokens kept per document
 * @param seed sampling seed
 * @param dtype accumulation dtype
 */
public record Provenance(
        String corpus,
        String corpusHash,
        String documents,
        int available,
        int requested,
        int used,
        long tokens,
        int truncated,
        int maxLength,
        long seed,
        String dtype) {

    /** Fewer documents were used than {@code mom2_n_samples} asked for. */
    public boolean shortOfRequest() {
        return used < requested;
    }

    /** As string metadata of a safetensors file. */
    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("corpus", corpus);
        m.put("corpus_sha256", corpusHash);
        m.put("documents_range", documents);
        m.put("documents_available", String.valueOf(available));
        m.put("documents_requested", String.valueOf(requested));
        m.put("documents_used", String.valueOf(used));
        m.put("tokens", String.valueOf(tokens));
        m.put("documents_truncated", String.valueOf(truncated));
        m.put("max_length", String.valueOf(maxLength));
        m.put("seed", String.valueOf(seed));
        m.put("dtype", dtype);
        return m;
    }

    /** Reads {@link #metadata()} back; throws when a field is missing. */
    static Provenance fromMetadata(Map<String, String> m) {
        try {
            return new Provenance(
                    req(m, "corpus"),
                    req(m, "corpus_sha256"),
                    req(m, "documents_range"),
                    Integer.parseInt(req(m, "documents_available")),
                    Integer.parseInt(req(m, "documents_requested")),
                    Integer.parseInt(req(m, "documents_used")),
                    Long.parseLong(req(m, "tokens")),
                    Integer.parseInt(req(m, "documents_truncated")),
                    Integer.parseInt(req(m, "max_length")),
                    Long.parseLong(req(m, "seed")),
                    req(m, "dtype"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("statistics metadata: " + e.getMessage(), e);
        }
    }

    private static String req(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("statistics metadata lacks '" + key + "'");
        }
        return v;
    }

    /** For the edit log. */
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("corpus", corpus);
        d.put("documents_range", documents);
        d.put("documents_available", available);
        d.put("documents_requested", requested);
        d.put("documents_used", used);
        d.put("tokens", tokens);
        d.put("documents_truncated", truncated);
        d.put("max_length", maxLength);
        d.put("seed", seed);
        return d;
    }
}
