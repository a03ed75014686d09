package io.spindle.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointFailureManagerTest {
    private final List<Throwable> jobFailures = new ArrayList<>();
    private final CheckpointFailureManager manager = new CheckpointFailureManager(1, jobFailures::add);

    private static CheckpointException failure(CheckpointFailureReason reason) {
        return new CheckpointException(reason, reason.description());
    }

    @Test
    void onlyCountedReasonsCount() {
        for (CheckpointFailureReason reason : CheckpointFailureReason.values()) {
            if (!reason.countsAsFailure()) {
                manager.handleFailure(1, failure(reason));
                manager.handleFailure(2, failure(reason));
            }
        }
        assertThat(jobFailures).isEmpty();
        assertThat(CheckpointFailureReason.values()).filteredOn(CheckpointFailureReason::countsAsFailure)
                .containsExactly(CheckpointFailureReason.DECLINED, CheckpointFailureReason.EXPIRED,
                        CheckpointFailureReason.FINALIZE_FAILED, CheckpointFailureReason.IO_FAILURE);
    }

    @Test
    void failsTheJobOncePerRunOfFailures() {
        manager.handleFailure(-1, failure(CheckpointFailureReason.IO_FAILURE));
        manager.handleFailure(-1, failure(CheckpointFailureReason.IO_FAILURE));
        manager.handleFailure(8, failure(CheckpointFailureReason.EXPIRED));

        assertThat(jobFailures).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "Exceeded checkpoint tolerable failure threshold (1): a checkpoint failed: I/O failure");

        manager.handleFailure(9, failure(CheckpointFailureReason.EXPIRED));
        assertThat(jobFailures).hasSize(2);
        assertThat(jobFailures.get(1)).hasMessage(
                "Exceeded checkpoint tolerable failure threshold (1): checkpoint 9 failed: expired before completing")
                .hasCauseInstanceOf(CheckpointException.class);
    }
}
