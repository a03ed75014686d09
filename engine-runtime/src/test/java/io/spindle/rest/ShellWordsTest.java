package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Program arguments given as one string are split as a shell splits words. */
class ShellWordsTest {
    @Test
    void splitsAtWhitespaceAndKeepsQuotedWordsWhole() {
        assertThat(ShellWords.split("  --input  in.txt\t--n 3 ")).containsExactly("--input", "in.txt", "--n", "3");
        assertThat(ShellWords.split("--name 'word count' --sep \"a b\"")).containsExactly("--name", "word count",
                "--sep", "a b");
        assertThat(ShellWords.split("--x=\"1 2\"'3'")).containsExactly("--x=1 23");
        assertThat(ShellWords.split("''")).containsExactly("");
        assertThat(ShellWords.split("")).isEmpty();
    }

    @Test
    void backslashesEscapeOutsideQuotesAndQuoteOrBackslashInsideDoubleQuotes() {
        assertThat(ShellWords.split("a\\ b")).containsExactly("a b");
        assertThat(ShellWords.split("\"say \\\"hi\\\" \\\\ \\n\"")).containsExactly("say \"hi\" \\ \\n");
        assertThat(ShellWords.split("'no \\escape'")).containsExactly("no \\escape");
    }

    @Test
    void unclosedQuotesAndATrailingBackslashAreRefused() {
        assertThatThrownBy(() -> ShellWords.split("--a 'open")).hasMessageContaining("unclosed '");
        assertThatThrownBy(() -> ShellWords.split("--a \"open")).hasMessageContaining("unclosed \"");
        assertThatThrownBy(() -> ShellWords.split("--a \\")).hasMessageContaining("backslash");
    }
}
