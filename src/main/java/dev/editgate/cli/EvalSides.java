package dev.editgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.editgate.bench.mmlu.MmluBenchmark;
import dev.editgate.bench.protocol.ChoiceRanking;
import dev.editgate.model.LanguageModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** EditGate's side of {@code bench eval}, the peer process, and the comparison printed. */
final class EvalSides {
    private EvalSides() {}

    record Perplexity(LanguageModel.Perplexity value, double seconds) {}

    record Mmlu(
            List<ChoiceRanking.Question> questions,
            int[] predictions,
            double seconds,
            double uncachedSeconds,
            int[] lookups) {}

    /** The first {@code bytes} bytes of {@code file} as UTF-8, a character cut there dropped. */
    static String head(Path file, int bytes) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(bytes);
        }
        for (int cut = 0; cut < 4 && cut < b.length; cut++) {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, 0, b.length - cut))
                        .toString();
            } catch (CharacterCodingException e) {
                // a multi-byte character cut by the limit: drop its bytes
            }
        }
        throw new IOException(file + ": the first " + bytes + " bytes are not UTF-8 text");
    }

    /** Strided perplexity, timed after a warm-up on the text's first 4,000 characters. */
    static Perplexity perplexity(LanguageModel lm, String text, int window, int stride) {
        lm.perplexity(text.substring(0, Math.min(text.length(), 4000)), window, stride);
        long t0 = System.nanoTime();
        LanguageModel.Perplexity p = lm.perplexity(text, window, stride);
        return new Perplexity(p, (System.nanoTime() - t0) / 1e9);
    }

    /** The shared mode (prefix cache on) timed after a warm-up on two questions. */
    static Mmlu mmlu(LanguageModel lm, MmluBenchmark bench, int batch, boolean uncached) {
        List<ChoiceRanking.Question> qs = new ArrayList<>();
        List<String> letters = List.of(" A", " B", " C", " D");
        for (String c : bench.contexts(lm.tokenizer(), lm.config().maxPositions())) {
            qs.add(new ChoiceRanking.Question(c, letters));
        }
        ChoiceRanking ranking = new ChoiceRanking(lm, batch);
        ranking.score(qs.subList(0, Math.min(2, qs.size())), ChoiceRanking.Mode.SHARED);
        long t0 = System.nanoTime();
        List<double[]> ll = ranking.score(qs, ChoiceRanking.Mode.SHARED);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int[] lookups = ranking.lastPrefixLookups();
        double uncachedSeconds = Double.NaN;
        if (uncached) {
            t0 = System.nanoTime();
            List<double[]> whole = ranking.score(qs, ChoiceRanking.Mode.SHARED_UNCACHED);
            uncachedSeconds = (System.nanoTime() - t0) / 1e9;
            for (int i = 0; i < qs.size(); i++) {
                if (ChoiceRanking.argmax(whole.get(i)) != ChoiceRanking.argmax(ll.get(i))) {
                    System.out.printf("question %d: the uncached shared mode picks otherwise%n", i);
                }
            }
        }
        int[] pred = new int[qs.size()];
        for (int i = 0; i < pred.length; i++) {
            pred[i] = ChoiceRanking.argmax(ll.get(i));
        }
        return new Mmlu(qs, pred, seconds, uncachedSeconds, lookups);
    }

    static JsonNode runPeer(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        List<String> lines = stdout.lines().filter(s -> s.startsWith("{")).toList();
        if (rc != 0 || lines.isEmpty()) {
            throw new IllegalStateException(
                    "the peer bench failed (exit " + rc + "); its log: " + log + "\n" + stdout);
        }
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    static boolean reportPerplexity(
            Perplexity ours, JsonNode peer, int window, int stride, String device) {
        long tokens = ours.value().tokens();
        double mineRate = tokens / ours.seconds();
        double peerRate = peer.get("tokens").asLong() / peer.get("seconds").asDouble();
        double diff = Math.abs(ours.value().value() - peer.get("value").asDouble());
        System.out.printf(
                "perplexity: EditGate %.4f over %d tokens in %.1f s; transformers %.4f over %d"
                        + " tokens in %.1f s%n",
                ours.value().value(),
                tokens,
                ours.seconds(),
                peer.get("value").asDouble(),
                peer.get("tokens").asLong(),
                peer.get("seconds").asDouble());
        Map<String, String> r = BenchEvalCommand.fields();
        r.put("bench", "perplexity");
        r.put("window", String.valueOf(window));
        r.put("stride", String.valueOf(stride));
        r.put("tokens", String.valueOf(tokens));
        r.put("peer_tokens", String.valueOf(peer.get("tokens").asLong()));
        r.put("editgate_ppl", BenchEvalCommand.f("%.4f", ours.value().value()));
        r.put("transformers_ppl", BenchEvalCommand.f("%.4f", peer.get("value").asDouble()));
        r.put("editgate_tokens_per_s", BenchEvalCommand.f("%.1f", mineRate));
        r.put("transformers_tokens_per_s", BenchEvalCommand.f("%.1f", peerRate));
        r.put("speedup", BenchEvalCommand.f("%.2f", mineRate / peerRate));
        r.put("device", device);
        System.out.println(BenchEvalCommand.result(r));
        return diff <= 1e-3 && tokens == peer.get("tokens").asLong();
    }

    static boolean reportMmlu(Mmlu mine, JsonNode peer, int batch, String device) {
        int n = mine.predictions().length;
        double rate = n / mine.seconds();
        Map<String, String> r = BenchEvalCommand.fields();
        r.put("bench", "mmlu");
        r.put("items", String.valueOf(n));
        r.put("batch", String.valueOf(batch));
        r.put("editgate_items_per_s", BenchEvalCommand.f("%.3f", rate));
        System.out.printf(
                "MMLU: EditGate %d questions in %.1f s (prefixes computed %d, reused %d)%n",
                n, mine.seconds(), mine.lookups()[1], mine.lookups()[0]);
        if (!Double.isNaN(mine.uncachedSeconds())) {
            r.put(
                    "editgate_uncached_items_per_s",
                    BenchEvalCommand.f("%.3f", n / mine.uncachedSeconds()));
            r.put(
                    "cache_speedup",
                    BenchEvalCommand.f("%.2f", mine.uncachedSeconds() / mine.seconds()));
        }
        boolean ok = true;
        for (var e : (Iterable<Map.Entry<String, JsonNode>>) peer::fields) {
            String key = e.getKey().equals("lm-eval") ? "lmeval" : "lmeval_row_per_option";
            double seconds = e.getValue().get("seconds").asDouble();
            JsonNode preds = e.getValue().get("predictions");
            int agree = 0;
            for (int i = 0; i < n; i++) {
                agree += preds.get(i).asInt() == mine.predictions()[i] ? 1 : 0;
            }
            System.out.printf(
                    "MMLU: %s %d questions in %.1f s, same prediction on %d%n",
                    e.getKey(), n, seconds, agree);
            r.put(key + "_items_per_s", BenchEvalCommand.f("%.3f", n / seconds));
            r.put(key + "_speedup", BenchEvalCommand.f("%.2f", seconds / mine.seconds()));
            r.put(key + "_agree", String.valueOf(agree));
            ok &= agree == n;
        }
        r.put("device", device);
        System.out.println(BenchEvalCommand.result(r));
        return ok;
    }
}
