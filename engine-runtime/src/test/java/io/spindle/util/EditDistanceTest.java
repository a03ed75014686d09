package io.spindle.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditDistanceTest {

    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertThat(EditDistance.levenshtein("", "")).isZero();
        assertThat(EditDistance.levenshtein("interval", "interval")).isZero();
        assertThat(EditDistance.levenshtein("", "abc")).isEqualTo(3);
        assertThat(EditDistance.levenshtein("abc", "")).isEqualTo(3);
        assertThat(EditDistance.levenshtein("intervall", "interval")).isEqualTo(1);
        assertThat(EditDistance.levenshtein("interval", "intervall")).isEqualTo(1);
        assertThat(EditDistance.levenshtein("intreval", "interval")).isEqualTo(2);
        assertThat(EditDistance.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.levenshtein("flaw", "lawn")).isEqualTo(2);
    }

    @Test
    void isSymmetric() {
        assertThat(EditDistance.levenshtein("saturday", "sunday")).isEqualTo(3)
                .isEqualTo(EditDistance.levenshtein("sunday", "saturday"));
    }
}
