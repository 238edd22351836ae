package dev.editgate.bench.protocol;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A benchmark's YAML settings, read with types and defaults. Every error names the benchmark, the
 * key, the value found and what is accepted.
 */
public final class BenchSettings {
    private final String benchmark;
    private final Map<String, Object> values;

    public BenchSettings(String benchmark, Map<String, Object> values) {
        this.benchmark = benchmark;
        this.values = new LinkedHashMap<>(values == null ? Map.of() : values);
    }

    /** Rejects keys outside {@code accepted}. */
    public BenchSettings requireKnown(Set<String> accepted) {
        for (String key : values.keySet()) {
            if (!accepted.contains(key)) {
                throw new IllegalArgumentException(
                        benchmark
                                + ": unknown setting '"
                                + key
                                + "'; accepted: "
                                + new TreeSet<>(accepted));
            }
        }
        return this;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** A string setting, or {@code fallback}. */
    public String string(String key, String fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Map || v instanceof Iterable) {
            throw bad(key, v, "a string");
        }
        return v.toString();
    }

    /** An integer setting at least {@code min}, or {@code fallback}. */
    public int integer(String key, int fallback, int min) {
        long v = longValue(key, fallback, min);
        if (v > Integer.MAX_VALUE) {
            throw bad(key, values.get(key), "an integer up to " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** A long setting at least {@code min}, or {@code fallback}. */
    public long longValue(String key, long fallback, long min) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw bad(key, v, "an integer >= " + min);
            }
        }
        if (n < min) {
            throw bad(key, v, "an integer >= " + min);
        }
        return n;
    }

    /** A number setting, or {@code fallback}. */
    public double number(String key, double fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    /** One of {@code choices} (case-sensitive), or {@code fallback}. */
    public String choice(String key, String fallback, Set<String> choices) {
        String v = string(key, fallback);
        if (v != null && !choices.contains(v)) {
            throw bad(key, v, "one of " + new TreeSet<>(choices));
        }
        return v;
    }

    /** A path setting resolved against {@code baseDir}; required when {@code fallback} is null. */
    public Path path(String key, Path baseDir, Path fallback) {
        String v = string(key, null);
        if (v == null) {
            if (fallback == null) {
                throw new IllegalArgumentException(
                        benchmark
                                + ": setting '"
                                + key
                                + "' is required (a file or folder path, relative to the suite's folder)");
            }
            return fallback;
        }
        Path p = Path.of(v);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    /** A list setting: a YAML list or a comma-separated string; empty when absent. */
    public java.util.List<String> strings(String key) {
        Object v = values.get(key);
        if (v == null) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        if (v instanceof Iterable<?> it) {
            for (Object o : it) {
                out.add(String.valueOf(o).trim());
            }
        } else if (v instanceof Map) {
            throw bad(key, v, "a list or a comma-separated string");
        } else {
            for (String part : v.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return java.util.List.copyOf(out);
    }

    public String benchmark() {
        return benchmark;
    }

    private IllegalArgumentException bad(String key, Object value, String accepted) {
        return new IllegalArgumentException(
                benchmark
                        + ": setting '"
                        + key
                        + "' = '"
                        + value
                        + "' is not accepted; expected "
                        + accepted);
    }
}
