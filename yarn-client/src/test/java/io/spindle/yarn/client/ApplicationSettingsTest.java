package io.spindle.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.configuration.Configuration;
import io.spindle.ha.HighAvailabilityOptions;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.util.Records;
import org.junit.jupiter.api.Test;

class ApplicationSettingsTest {
    @Test
    void withoutHighAvailabilityYarnStartsTheApplicationMasterOnce() {
        ApplicationSubmissionContext context = applied(new Configuration());
        assertThat(context.getMaxAppAttempts()).isEqualTo(1);
        assertThat(context.getKeepContainersAcrossApplicationAttempts()).isFalse();
    }

    @Test
    void zooKeeperHighAvailabilityAllowsASecondAttemptThatKeepsTheTaskManagers() {
        ApplicationSubmissionContext context = applied(new Configuration()
                .setString(HighAvailabilityOptions.TYPE.key(), "ZooKeeper"));
        assertThat(context.getMaxAppAttempts()).isEqualTo(2);
        assertThat(context.getKeepContainersAcrossApplicationAttempts()).isTrue();
        assertThat(context.getAttemptFailuresValidityInterval()).isEqualTo(10_000);
    }

    @Test
    void configuredAttemptsWinOverTheHighAvailabilityDefault() {
        ApplicationSubmissionContext context = applied(new Configuration()
                .setString(HighAvailabilityOptions.TYPE.key(), "zookeeper")
                .setString(YarnConfigOptions.APPLICATION_ATTEMPTS.key(), "1"));
        assertThat(context.getMaxAppAttempts()).isEqualTo(1);
        assertThat(context.getKeepContainersAcrossApplicationAttempts()).isFalse();
    }

    private static ApplicationSubmissionContext applied(Configuration configuration) {
        ApplicationSubmissionContext context = Records.newRecord(ApplicationSubmissionContext.class);
        ApplicationSettings.from(configuration, "test").applyTo(context, 1024);
        return context;
    }
}
