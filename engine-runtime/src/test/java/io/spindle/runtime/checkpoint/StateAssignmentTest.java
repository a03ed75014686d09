package io.spindle.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.spindle.api.JobID;
import io.spindle.configuration.Configuration;
import io.spindle.graph.JobGraph;
import io.spindle.graph.JobVertex;
import io.spindle.runtime.checkpoint.proto.CheckpointMetadata;
import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.ListStateEntries;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import io.spindle.runtime.checkpoint.proto.TaskStateSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A checkpoint's state dealt out to the subtasks of a job, at its own and at other parallelisms. */
class StateAssignmentTest {
    private static final String OPERATOR = "0123456789abcdef0123456789abcdef";
    private static final int MAX_PARALLELISM = 128;

    @Test
    void atTheSameParallelismEverySubtaskGetsItsOwnKeyGroupsAndListElements() {
        StateAssignment assignment = new StateAssignment(checkpoint(2, 3));

        TaskStateSnapshot second = assignment.assign(vertex(2), 1);

        OperatorSubtaskState state = second.getOperators(0);
        assertThat(state.getKeyedStateList()).extracting(KeyGroupsStateHandle::getPath).containsExactly("file:/chk/op-1");
        assertThat(elements(state)).containsExactly("s1-e0", "s1-e1", "s1-e2");
        assertThat(assignment.checkpointId()).isEqualTo(9);
    }

    @Test
    void atHigherParallelismKeyedFilesOverlapAndListElementsAreSplitEvenly() {
        StateAssignment assignment = new StateAssignment(checkpoint(2, 3));
        List<String> allElements = new ArrayList<>();
        for (int subtask = 0; subtask < 3; subtask++) {
            OperatorSubtaskState state = assignment.assign(vertex(3), subtask).getOperators(0);
            allElements.addAll(elements(state));
            assertThat(elements(state)).hasSize(2);
        }
        assertThat(allElements).containsExactlyInAnyOrder("s0-e0", "s0-e1", "s0-e2", "s1-e0", "s1-e1", "s1-e2");
        // Subtask 1 of 3 owns key groups 43..85: both former files hold some of them.
        assertThat(assignment.assign(vertex(3), 1).getOperators(0).getKeyedStateList())
                .extracting(KeyGroupsStateHandle::getPath).containsExactly("file:/chk/op-0", "file:/chk/op-1");
        assertThat(assignment.assign(vertex(3), 0).getOperators(0).getKeyedStateList())
                .extracting(KeyGroupsStateHandle::getPath).containsExactly("file:/chk/op-0");
    }

    @Test
    void atParallelismOneTheOnlySubtaskGetsEverything() {
        OperatorSubtaskState state = new StateAssignment(checkpoint(2, 3)).assign(vertex(1), 0).getOperators(0);

        assertThat(state.getKeyedStateCount()).isEqualTo(2);
        assertThat(elements(state)).hasSize(6);
    }

    @Test
    void unionListStateGoesWholeToEverySubtask() {
        CheckpointMetadata metadata = checkpoint(2, 2).toBuilder().setOperators(0, checkpoint(2, 2).getOperators(0)
                .toBuilder().clearSubtasks()
                .addSubtasks(subtask(0, 2, true)).addSubtasks(subtask(1, 2, true))).build();

        for (int subtask = 0; subtask < 3; subtask++) {
            assertThat(elements(new StateAssignment(metadata).assign(vertex(3), subtask).getOperators(0))).hasSize(4);
        }
    }

    @Test
    void stateOfAnOperatorThatIsNotInTheJobIsRefusedUnlessAllowed() {
        CheckpointMetadata metadata = checkpoint(2, 1).toBuilder()
                .addOperators(OperatorState.newBuilder().setOperatorId("ffffffffffffffffffffffffffffffff")
                        .setOperatorName("Removed Map").setParallelism(1).setMaxParallelism(MAX_PARALLELISM)
                        .addSubtasks(subtask(0, 1, false)))
                .build();
        StateAssignment assignment = new StateAssignment(metadata);

        assertThatThrownBy(() -> assignment.checkFits(job(2), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ffffffffffffffffffffffffffffffff (Removed Map)")
                .hasMessageContaining("--allowNonRestoredState");
        assignment.checkFits(job(2), true);
    }

    @Test
    void keyedStateNeedsTheSameMaxParallelism() {
        StateAssignment assignment = new StateAssignment(checkpoint(2, 1));
        JobGraph otherMax = new JobGraph(JobID.generate(), "job", List.of(new JobVertex(1, "keyed", 2, 256, false,
                new byte[0], List.of(OPERATOR), List.of("keyed"))), List.of(), new Configuration(), List.of());

        assertThatThrownBy(() -> assignment.checkFits(otherMax, false)).hasMessageContaining("max parallelism 128")
                .hasMessageContaining("256");
    }

    @Test
    void anOperatorWithoutStateInTheCheckpointStartsEmpty() {
        JobVertex withNewOperator = new JobVertex(1, "keyed -> new", 2, MAX_PARALLELISM, false, new byte[0],
                List.of(OPERATOR, "11111111111111111111111111111111"), List.of("keyed", "new"));

        TaskStateSnapshot state = new StateAssignment(checkpoint(2, 1)).assign(withNewOperator, 0);

        assertThat(state.getOperatorsList()).extracting(OperatorSubtaskState::getOperatorId).containsExactly(OPERATOR);
    }

    private static List<String> elements(OperatorSubtaskState state) {
        List<String> elements = new ArrayList<>();
        for (ListStateEntries entries : state.getOperatorStateList()) {
            entries.getElementsList().forEach(bytes -> elements.add(bytes.toStringUtf8()));
        }
        return elements;
    }

    /** A checkpoint of the keyed operator at {@code parallelism}, each subtask with its key groups' file. */
    private static CheckpointMetadata checkpoint(int parallelism, int elementsPerSubtask) {
        OperatorState.Builder operator = OperatorState.newBuilder().setOperatorId(OPERATOR).setOperatorName("keyed")
                .setParallelism(parallelism).setMaxParallelism(MAX_PARALLELISM);
        for (int subtask = 0; subtask < parallelism; subtask++) {
            operator.addSubtasks(subtask(subtask, elementsPerSubtask, false).toBuilder().addKeyedState(keyedFile(parallelism,
                    subtask)));
        }
        return CheckpointMetadata.newBuilder().setVersion(1).setJobId("job").setCheckpointId(9).addOperators(operator).build();
    }

    private static OperatorSubtaskState subtask(int subtask, int elements, boolean union) {
        ListStateEntries.Builder list = ListStateEntries.newBuilder().setName("positions").setUnion(union);
        for (int i = 0; i < elements; i++) {
            list.addElements(ByteString.copyFromUtf8("s" + subtask + "-e" + i));
        }
        return OperatorSubtaskState.newBuilder().setOperatorId(OPERATOR).setSubtaskIndex(subtask).addOperatorState(list).build();
    }

    private static KeyGroupsStateHandle keyedFile(int parallelism, int subtask) {
        int first = (subtask * MAX_PARALLELISM + parallelism - 1) / parallelism;
        int last = ((subtask + 1) * MAX_PARALLELISM - 1) / parallelism;
        KeyGroupsStateHandle.Builder handle = KeyGroupsStateHandle.newBuilder().setPath("file:/chk/op-" + subtask)
                .setFirstKeyGroup(first).setSize(1_000);
        for (int keyGroup = first; keyGroup <= last; keyGroup++) {
            handle.addOffsets((keyGroup - first) * 10L);
        }
        return handle.build();
    }

    private static JobVertex vertex(int parallelism) {
        return new JobVertex(1, "keyed", parallelism, MAX_PARALLELISM, false, new byte[0], List.of(OPERATOR), List.of("keyed"));
    }

    private static JobGraph job(int parallelism) {
        return new JobGraph(JobID.generate(), "job", List.of(vertex(parallelism)), List.of(), new Configuration(), List.of());
    }
}
