package io.spindle.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramArgumentsTest {
    @Test
    void keepsNewlinesQuotesAndEmptyArguments() {
        List<String> arguments = List.of("--input", "two\nlines", "", "say \"hi\" to $USER", "ünïcode", "");

        assertThat(ProgramArguments.decode(ProgramArguments.encode(arguments))).isEqualTo(arguments);
    }

    @Test
    void noArgumentsAndOneEmptyArgumentStayApart() {
        assertThat(ProgramArguments.decode(ProgramArguments.encode(List.of()))).isEmpty();
        assertThat(ProgramArguments.decode(ProgramArguments.encode(List.of("")))).containsExactly("");
        assertThat(ProgramArguments.decode(null)).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnArrayOfStrings() {
        assertThatThrownBy(() -> ProgramArguments.decode("--input\nfile"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON array of strings");
    }
}
