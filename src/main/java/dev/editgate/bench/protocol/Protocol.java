package dev.editgate.bench.protocol;

import java.util.Set;

/**
 * Which OpenCompass behaviour a benchmark follows (setting {@code protocol}): {@code
 * opencompass-2024}, the default, is OpenCompass at the study's commit (120bf8b, 2024-03-01, the
 * time of Lin et al., ACL 2024); {@code opencompass-head} is its head (a5acc4b), where it later
 * changed post-processors (MATH v2, BBH free-form, first-option patterns) or MBPP's execution.
 */
public enum Protocol {
    STUDY("opencompass-2024"),
    HEAD("opencompass-head");

    /**
     * Bump when any default protocol changes what a benchmark measures: cached baselines key on it.
     */
    public static final String REVISION = "opencompass-120bf8b/1";

    public static final Set<String> NAMES = Set.of("opencompass-2024", "opencompass-head");

    private final String setting;

    Protocol(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** The protocol a suite's settings ask for. */
    public static Protocol of(BenchSettings s) {
        return s.choice("protocol", STUDY.setting, NAMES).equals(HEAD.setting) ? HEAD : STUDY;
    }
}
