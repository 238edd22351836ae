package dev.editgate.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocumentRangeTest {

    @Test
    void parsesTheAcceptedForms() {
        assertThat(DocumentRange.parse("0-1222")).isEqualTo(new DocumentRange(0, 1222));
        assertThat(DocumentRange.parse(" 396- ").last()).isEqualTo(Integer.MAX_VALUE);
        assertThat(DocumentRange.parse(7)).isEqualTo(new DocumentRange(7, 7));
        assertThat(DocumentRange.parse("all").isAll()).isTrue();
        assertThat(DocumentRange.parse(null).isAll()).isTrue();
        for (String s : new String[] {"0-1222", "396-", "7", "all"}) {
            assertThat(DocumentRange.parse(s).toString()).isEqualTo(s);
        }
    }

    @Test
    void countsWhatLiesInsideACorpus() {
        assertThat(DocumentRange.parse("396-").countOf(708)).isEqualTo(312);
        assertThat(DocumentRange.parse("0-1222").countOf(100)).isEqualTo(100);
        assertThat(DocumentRange.parse("800-").countOf(708)).isZero();
    }

    @Test
    void rejectsWhatItDoesNotAcceptSayingWhatItDoes() {
        assertThatThrownBy(() -> DocumentRange.parse("5-2"))
                .hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> DocumentRange.parse("first ten"))
                .hasMessageContaining("accepted: FIRST-LAST, FIRST-, N or all");
    }
}
