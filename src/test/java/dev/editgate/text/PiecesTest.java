package dev.editgate.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiecesTest {

    @Test
    void piecesKnowTheirBytesAndLines() {
        String text = " = A = \n Ünïcode line 😀\n more\n = B = \n last\n";
        List<Pieces.Piece> p = Pieces.split(text, "\n = ");
        assertThat(p)
                .extracting(Pieces.Piece::text)
                .containsExactly("= A = \n Ünïcode line 😀\n more", "B = \n last");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (Pieces.Piece piece : p) {
            String back =
                    new String(
                            bytes,
                            (int) piece.start(),
                            (int) (piece.end() - piece.start()),
                            StandardCharsets.UTF_8);
            assertThat(back).isEqualTo(piece.text());
        }
        assertThat(p.get(0).firstLine()).isEqualTo(1);
        assertThat(p.get(0).lastLine()).isEqualTo(3);
        assertThat(p.get(1).firstLine()).isEqualTo(4);
        assertThat(p.get(1).lastLine()).isEqualTo(5);
    }

    @Test
    void spansOfTheSameFileOverlapOnlyWhereTheyShareBytes() {
        Path f = Path.of("/tmp/x.txt");
        TextSpan a = new TextSpan(f, 0, 10, 1, 2, "a");
        assertThat(a.overlaps(new TextSpan(f, 10, 20, 2, 3, "b"))).isFalse();
        assertThat(a.overlaps(new TextSpan(f, 9, 20, 2, 3, "b"))).isTrue();
        assertThat(a.overlaps(TextSpan.whole(f, "all"))).isTrue();
        assertThat(a.overlaps(TextSpan.whole(Path.of("/tmp"), "folder"))).isTrue();
        assertThat(a.overlaps(TextSpan.whole(Path.of("/tmp/y.txt"), "other"))).isFalse();
        assertThat(Pieces.split("", "x")).isEmpty();
        assertThat(Pieces.split("no separator", "<|endoftext|>"))
                .extracting(Pieces.Piece::text)
                .containsExactly("no separator");
    }
}
