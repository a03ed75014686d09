package io.spindle.yarn.appmaster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplicationJobIdsTest {
    @Test
    void theNthJobHasTheSameIdInEveryAttemptAndAnotherInEveryOtherCluster() {
        assertThat(ApplicationJobIds.of("application_1_0001", 0)).isEqualTo(ApplicationJobIds.of("application_1_0001", 0));
        assertThat(ApplicationJobIds.of("application_1_0001", 1)).isNotEqualTo(ApplicationJobIds.of("application_1_0001", 0));
        assertThat(ApplicationJobIds.of("application_1_0002", 0)).isNotEqualTo(ApplicationJobIds.of("application_1_0001", 0));
        assertThat(ApplicationJobIds.of("application_1_0001", 0).toHexString()).hasSize(32);
    }
}
