package io.spindle.runtime.checkpoint;

import static io.spindle.runtime.checkpoint.CoordinatorHarness.keyed;
import static io.spindle.runtime.checkpoint.CoordinatorHarness.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletedCheckpointTest {
    private static final OperatorSubtaskState A0 = keyed("a", 0, "chk-7/a0", 1_000);
    private static final OperatorSubtaskState A1 = keyed("a", 1, "chk-7/a1", 2_000);
    private static final OperatorSubtaskState B1 = list("b", 1, new byte[3], new byte[4]);
    private static final OperatorSubtaskState C1 = keyed("c", 1, "chk-7/c1", 5);

    private static final CompletedCheckpoint CHECKPOINT = new CompletedCheckpoint("hdfs:///chk-7",
            CheckpointMetadata.newBuilder().setVersion(1).setJobId("job-1").setCheckpointId(7).setTimestamp(70)
                    .addOperators(OperatorState.newBuilder().setOperatorId("a").addSubtasks(A0).addSubtasks(A1))
                    .addOperators(OperatorState.newBuilder().setOperatorId("b").addSubtasks(B1))
                    .addOperators(OperatorState.newBuilder().setOperatorId("c").addSubtasks(C1))
                    .build(), 90);

    @Test
    void stateOfPicksTheSubtaskOfTheGivenOperatorsInTheirOrder() {
        assertThat(CHECKPOINT.stateOf(List.of("b", "a"), 1).getOperatorsList()).containsExactly(B1, A1);
        assertThat(CHECKPOINT.stateOf(List.of("a", "b"), 0).getOperatorsList()).containsExactly(A0);
        assertThat(CHECKPOINT.stateOf(List.of("x"), 0).getOperatorsList()).isEmpty();
    }

    @Test
    void stateSizeAddsFilesAndInlineElements() {
        assertThat(CHECKPOINT.stateSize()).isEqualTo(1_000 + 2_000 + 3 + 4 + 5);
    }

    @Test
    void idTimestampAndKindComeFromTheMetadata() {
        assertThat(CHECKPOINT.checkpointId()).isEqualTo(7);
        assertThat(CHECKPOINT.triggerTimestamp()).isEqualTo(70);
        assertThat(CHECKPOINT.completionTimestamp()).isEqualTo(90);
        assertThat(CHECKPOINT.isSavepoint()).isFalse();
    }
}
