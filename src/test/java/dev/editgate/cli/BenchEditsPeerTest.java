package dev.editgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The peer bench's record ranges and its weight comparison. */
class BenchEditsPeerTest {
    @Test
    void recordRangesAreAnIndexOrAnOrderedPair() {
        assertThat(BenchEditsPeer.parseRange("100-101")).containsExactly(100, 101);
        assertThat(BenchEditsPeer.parseRange(" 7 ")).containsExactly(7, 7);
        for (String bad : new String[] {"101-100", "a-b", "1-2-3", "-4", ""}) {
            assertThatThrownBy(() -> BenchEditsPeer.parseRange(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--records '" + bad + "'")
                    .hasMessageContaining("A-B");
        }
    }

    @Test
    void theWeightDifferenceIsRelativeToTheLargestReferenceChange() {
        float[] ref = {0.5f, -2f, 1f};
        assertThat(BenchEditsPeer.relDiff(ref.clone(), ref)).isZero();
        assertThat(BenchEditsPeer.relDiff(new float[] {0.5f, -2f, 1.1f}, ref))
                .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> BenchEditsPeer.relDiff(new float[2], ref))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 values against EasyEdit's 3");
    }
}
