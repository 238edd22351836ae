package dev.editgate.edit.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The seeded document order is CPython's: {@code random.Random(seed).shuffle(list(range(n)))}, as
 * recorded by Python itself ({@code tools/peers/layer_stats/make_fixture.py}).
 */
class PythonRandomTest {

    @Test
    void shufflesAsCpythonDoes() throws Exception {
        JsonNode root;
        try (InputStream in =
                getClass().getResourceAsStream("/dev/editgate/edit/stats/python-random.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertThat(root.get("shuffles")).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode s : root.get("shuffles")) {
            int n = s.get("n").asInt();
            int[] expected = new int[n];
            for (int i = 0; i < n; i++) {
                expected[i] = s.get("shuffled").get(i).asInt();
            }
            assertThat(PythonRandom.sample(n, n, s.get("seed").asLong()))
                    .as("seed %s, n %d", s.get("seed"), n)
                    .containsExactly(expected);
        }
    }

    @Test
    void aSampleIsThePrefixOfTheShuffle() {
        int[] all = PythonRandom.sample(32, 32, 1);
        int[] some = PythonRandom.sample(32, 20, 1);
        assertThat(some).hasSize(20);
        assertThat(all).startsWith(some);
        assertThat(PythonRandom.sample(5, 100, 1)).hasSize(5);
    }
}
