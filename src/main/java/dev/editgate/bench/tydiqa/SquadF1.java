package dev.editgate.bench.tydiqa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SQuAD v1.1 answer metrics (the official {@code evaluate-v1.1.py}, as OpenCompass' TyDiQA
 * evaluator uses it): answers are lower-cased, stripped of punctuation and of the articles a/an/the
 * and of extra white space; F1 is over the bags of remaining tokens.
 */
final class SquadF1 {
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
    private static final Pattern PUNCTUATION =
            Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

    private SquadF1() {}

    static String normalize(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String noPunct = PUNCTUATION.matcher(lower).replaceAll("");
        String noArticles = ARTICLES.matcher(noPunct).replaceAll(" ");
        return String.join(" ", tokens(noArticles));
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.trim().split("\\s+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static double f1(String prediction, String truth) {
        List<String> p = tokens(normalize(prediction));
        List<String> t = tokens(normalize(truth));
        Map<String, Integer> counts = new HashMap<>();
        for (String x : t) {
            counts.merge(x, 1, Integer::sum);
        }
        int common = 0;
        for (String x : p) {
            Integer c = counts.get(x);
            if (c != null && c > 0) {
                common++;
                counts.put(x, c - 1);
            }
        }
        if (common == 0) {
            return 0;
        }
        double precision = (double) common / p.size();
        double recall = (double) common / t.size();
        return 2 * precision * recall / (precision + recall);
    }

    static boolean exactMatch(String prediction, String truth) {
        return normalize(prediction).equals(normalize(truth));
    }

    /** The best F1 over the references. */
    static double maxF1(String prediction, List<String> references) {
        return references.stream().mapToDouble(r -> f1(prediction, r)).max().orElse(0);
    }

    /**
     * OpenCompass' TyDiQA prediction: the first line, lower-cased, after any "answer:", stripped.
     */
    static String prediction(String output) {
        String p = output.split("\n", -1)[0].toLowerCase(java.util.Locale.ROOT);
        int i = p.lastIndexOf("answer:");
        if (i >= 0) {
            p = p.substring(i + "answer:".length());
        }
        return p.strip();
    }
}
