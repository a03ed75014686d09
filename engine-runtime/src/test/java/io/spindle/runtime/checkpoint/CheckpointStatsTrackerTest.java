package io.spindle.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointStatsTrackerTest {

    @Test
    void historyKeepsTheTenNewestNewestFirst() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker();
        for (long id = 1; id <= 12; id++) {
            tracker.reportTriggered(id, false, id * 100, 2);
        }
        tracker.reportCompleted(1, 150, 10, "chk-1"); // out of the history, still counted
        tracker.reportFailed(12, 1_250, "expired");

        assertThat(tracker.getHistory()).extracting(CheckpointStats::checkpointId)
                .containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L);
        assertThat(tracker.getHistory().get(0).status()).isEqualTo(CheckpointStats.Status.FAILED);
        assertThat(tracker.getCounts()).isEqualTo(new CheckpointStatsTracker.Counts(12, 10, 1, 1, 0));
        assertThat(tracker.getLatestCompleted().checkpointId()).isEqualTo(1);
        assertThat(tracker.getLatestFailed()).isEqualTo(new CheckpointStats(12, CheckpointStats.Status.FAILED, false,
                1_200, -1, 0, 50, 2, 0, null, "expired", 1_250));
    }

    @Test
    void summaryCoversCompletedCheckpointsAndSavepoints() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker();
        tracker.reportTriggered(1, false, 1_000, 1);
        tracker.reportCompleted(1, 1_100, 300, "chk-1");
        tracker.reportTriggered(2, true, 2_000, 1);
        tracker.reportAcknowledged(2, 2_250, 100, 1);
        tracker.reportCompleted(2, 2_400, 100, "savepoint-2");
        tracker.reportTriggered(3, false, 3_000, 1);
        tracker.reportFailed(3, 9_000, "declined");

        assertThat(tracker.getSummary()).isEqualTo(new CheckpointStatsTracker.Summary(
                new CheckpointStatsTracker.MinMaxAvg(2, 100, 300, 200),
                new CheckpointStatsTracker.MinMaxAvg(2, 100, 400, 250)));
        assertThat(tracker.getLatestCompleted().checkpointId()).isEqualTo(1);
        assertThat(tracker.getLatestSavepoint()).isEqualTo(new CheckpointStats(2, CheckpointStats.Status.COMPLETED,
                true, 2_000, 2_250, 100, 400, 1, 1, "savepoint-2", null, -1));
    }

    @Test
    void emptyTrackerHasZerosAndNulls() {
        CheckpointStatsTracker tracker = new CheckpointStatsTracker();
        tracker.reportFailedTrigger();

        assertThat(tracker.getCounts()).isEqualTo(new CheckpointStatsTracker.Counts(0, 0, 0, 1, 0));
        assertThat(tracker.getSummary().stateSize()).isEqualTo(new CheckpointStatsTracker.MinMaxAvg(0, 0, 0, 0));
        assertThat(tracker.getHistory()).isEmpty();
        assertThat(tracker.getLatestCompleted()).isNull();
        assertThat(tracker.getLatestRestored()).isNull();
    }
}
