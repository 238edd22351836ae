package dev.editgate.bench.math;

/**
 * OpenCompass' {@code MATHEvaluator.is_equiv}. At the study's commit (version v1, Hendrycks' {@code
 * strip_string}): two answers are equivalent when their normalised strings are equal; if
 * normalising raises (malformed LaTeX, or an {@code a/b} whose parts are not integers), when the
 * raw strings are equal. At head (version v2, {@code strip_string_v2}): equal after v2 stripping,
 * or after {@code normalize_final_answer} of the stripped or the raw strings, or raw-equal.
 */
final class MathEquivalence {
    private MathEquivalence() {}

    /** Thrown where the Python original raises (index or assertion errors on malformed input). */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }

    static boolean isEquiv(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        try {
            return strip(a).equals(strip(b));
        } catch (Malformed e) {
            return a.equals(b);
        }
    }

    /** {@code is_equiv} of MATHEvaluator(version='v2') at head. */
    static boolean isEquivHead(String a, String b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        try {
            String s1 = MathStripV2.strip(a);
            String s2 = MathStripV2.strip(b);
            if (s1.equals(s2)) {
                return true;
            }
            if (MathNormalizer.normalize(s1, true).equals(MathNormalizer.normalize(s2, true))) {
                return true;
            }
        } catch (RuntimeException e) {
            // as the original's bare except
        }
        try {
            if (MathNormalizer.normalize(a, true).equals(MathNormalizer.normalize(b, true))) {
                return true;
            }
        } catch (RuntimeException e) {
            // as the original's bare except
        }
        return a.equals(b);
    }

    static String strip(String input) {
        String s =
                input.replace("\n", "")
                        .replace("\\!", "")
                        .replace("\\\\", "\\")
                        .replace("tfrac", "frac")
                        .replace("dfrac", "frac")
                        .replace("\\left", "")
                        .replace("\\right", "")
                        .replace("^{\\circ}", "")
                        .replace("^\\circ", "")
                        .replace("\\$", "");
        s = removeRightUnits(s);
        s = s.replace("\\%", "");
        s = s.replace(" .", " 0.").replace("{.", "{0.");
        if (s.isEmpty()) {
            return s;
        }
        if (s.charAt(0) == '.') {
            s = "0" + s;
        }
        String[] eq = s.split("=", -1);
        if (eq.length == 2 && eq[0].length() <= 2) {
            s = eq[1];
        }
        s = fixSqrt(s);
        s = s.replace(" ", "");
        s = fixFracsV1(s);
        if (s.equals("0.5")) {
            s = "\\frac{1}{2}";
        }
        return fixSlashV1(s);
    }

    private static String removeRightUnits(String s) {
        if (!s.contains("\\text{ ")) {
            return s;
        }
        String[] parts = s.split("\\\\text\\{ ", -1);
        if (parts.length != 2) {
            throw new Malformed();
        }
        return parts[0];
    }

    private static String fixSqrt(String s) {
        if (!s.contains("\\sqrt")) {
            return s;
        }
        String[] parts = s.split("\\\\sqrt", -1);
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                throw new Malformed();
            }
            if (p.charAt(0) != '{') {
                out.append("\\sqrt{").append(p.charAt(0)).append('}').append(p.substring(1));
            } else {
                out.append("\\sqrt").append(p);
            }
        }
        return out.toString();
    }

    static String fixFracsV1(String s) {
        String[] parts = s.split("\\\\frac", -1);
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            out.append("\\frac");
            if (!p.isEmpty() && p.charAt(0) == '{') {
                out.append(p);
                continue;
            }
            if (p.length() < 2) {
                return s;
            }
            char a = p.charAt(0);
            char b = p.charAt(1);
            if (b != '{') {
                out.append('{').append(a).append("}{").append(b).append('}').append(p.substring(2));
            } else {
                out.append('{').append(a).append('}').append(b).append(p.substring(2));
            }
        }
        return out.toString();
    }

    static String fixSlashV1(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length != 2) {
            return s;
        }
        java.math.BigInteger a;
        java.math.BigInteger b;
        try {
            a = new java.math.BigInteger(parts[0].strip());
            b = new java.math.BigInteger(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new Malformed(); // int() raises ValueError, which only is_equiv catches
        }
        if (!s.equals(a + "/" + b)) {
            return s;
        }
        return "\\frac{" + a + "}{" + b + "}";
    }
}
