package dev.editgate.bench.math;

/**
 * Hendrycks' MATH answer normalisation ({@code strip_string}) and {@code is_equiv}, as OpenCompass'
 * MATH evaluator uses them: two answers are equivalent when their normalised strings are equal; if
 * normalising fails (malformed LaTeX), when the raw strings are equal.
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
        } catch (Malformed | NumberFormatException e) {
            return a.equals(b);
        }
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
        s = fixFracs(s);
        if (s.equals("0.5")) {
            s = "\\frac{1}{2}";
        }
        return fixSlash(s);
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

    private static String fixFracs(String s) {
        String[] parts = s.split("\\\\frac", -1);
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            out.append("\\frac");
            if (p.isEmpty()) {
                throw new Malformed();
            }
            if (p.charAt(0) == '{') {
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

    private static String fixSlash(String s) {
        String[] parts = s.split("/", -1);
        if (parts.length != 2) {
            return s;
        }
        try {
            long a = Long.parseLong(parts[0]);
            long b = Long.parseLong(parts[1]);
            if (!s.equals(a + "/" + b)) {
                return s;
            }
            return "\\frac{" + a + "}{" + b + "}";
        } catch (NumberFormatException e) {
            return s;
        }
    }
}
