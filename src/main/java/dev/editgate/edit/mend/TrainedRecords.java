package dev.editgate.edit.mend;

import dev.editgate.edit.EditRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fingerprints of the records a hypernetwork was fitted on: the first 16 hex digits of the SHA-256
 * of each record's prompt and rephrase (trimmed). An archive keeps those of its training and its
 * validation records (validation chose the checkpoint), so editing one of them is caught without
 * the training files at hand.
 */
final class TrainedRecords {
    private TrainedRecords() {}

    static String fingerprint(String text) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fingerprints of every prompt and rephrase of {@code records}, sorted. */
    static Set<String> of(Collection<EditRequest> records) {
        Set<String> out = new TreeSet<>();
        for (EditRequest r : records) {
            out.add(fingerprint(r.prompt()));
            if (r.rephrase() != null) {
                out.add(fingerprint(r.rephrase()));
            }
        }
        return out;
    }

    /**
     * Descriptions ({@code index: "prompt"}) of the records of {@code edits} whose prompt or
     * rephrase is among {@code fitted}.
     */
    static List<String> overlap(List<EditRequest> edits, Set<String> fitted) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            EditRequest r = edits.get(i);
            boolean seen =
                    fitted.contains(fingerprint(r.prompt()))
                            || (r.rephrase() != null && fitted.contains(fingerprint(r.rephrase())));
            if (seen) {
                out.add("edit " + (i + 1) + ": \"" + r.prompt() + "\"");
            }
        }
        return out;
    }
}
