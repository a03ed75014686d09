package io.spindle.api.connectors.filesink;

import io.spindle.runtime.operators.OperatorHarness;
import io.spindle.runtime.operators.OperatorSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.spindle.api.connectors.filesink.FileSinkTesting.basePathSink;
import static io.spindle.api.connectors.filesink.FileSinkTesting.committed;
import static io.spindle.api.connectors.filesink.FileSinkTesting.harness;
import static io.spindle.api.connectors.filesink.FileSinkTesting.hidden;
import static io.spindle.api.connectors.filesink.FileSinkTesting.restoreFrom;
import static io.spindle.api.connectors.filesink.FileSinkTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Restores: what the restored checkpoint holds is committed, what the failed attempt did after it is gone. */
class FileSinkRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void restoreCommitsTheCheckpointsFilesAndDeletesTheFailedAttemptsOrphans() throws Exception {
        FileSink<String> fileSink = basePathSink(dir);
        OperatorHarness<String, Object> failed = harness(fileSink).open();
        write(failed, "a", "b");
        OperatorSnapshot checkpoint1 = failed.snapshot(1);
        write(failed, "c");
        failed.close();
        assertThat(committed(dir)).as("checkpoint 1's notification never arrived").isEmpty();

        OperatorHarness<String, Object> restored = harness(fileSink).open(restoreFrom(1, checkpoint1));

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\nb\n"));
        assertThat(hidden(dir)).as("the orphan .part-0-1 of the failed attempt").isEmpty();

        write(restored, "c");
        assertThat(hidden(dir)).as("a name the failed attempt did not use").singleElement().asString()
                .startsWith(".part-0-2.inprogress.");
        restored.snapshot(2);
        restored.notifyCheckpointComplete(2);
        restored.close();
        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\nb\n"), entry("part-0-2", "c\n"));
    }

    @Test
    void restoreAfterTheNotificationFindsItsFilesCommittedAlready() throws Exception {
        FileSink<String> fileSink = basePathSink(dir);
        OperatorHarness<String, Object> failed = harness(fileSink).open();
        write(failed, "a");
        OperatorSnapshot checkpoint1 = failed.snapshot(1);
        failed.notifyCheckpointComplete(1);
        failed.close();

        for (int restart = 0; restart < 2; restart++) {
            harness(fileSink).open(restoreFrom(1, checkpoint1)).close();
        }

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a\n"));
        assertThat(hidden(dir)).isEmpty();
    }

    @Test
    void restoreDiscardsTheFilesOfALaterCheckpointThatDidNotComplete() throws Exception {
        FileSink<String> fileSink = basePathSink(dir);
        OperatorHarness<String, Object> failed = harness(fileSink).open();
        write(failed, "a");
        OperatorSnapshot checkpoint1 = failed.snapshot(1);
        write(failed, "b");
        failed.snapshot(2);
        failed.close();

        harness(fileSink).open(restoreFrom(1, checkpoint1)).close();

        assertThat(committed(dir)).as("checkpoint 2 did not complete; its records are replayed")
                .containsExactly(entry("part-0-0", "a\n"));
        assertThat(hidden(dir)).isEmpty();
    }

    @Test
    void subtasksDeleteOnlyTheirOwnOrphans() throws Exception {
        FileSink<String> fileSink = basePathSink(dir);
        OperatorHarness<String, Object> first = harness(fileSink, 0, 2).open();
        OperatorHarness<String, Object> second = harness(fileSink, 1, 2).open();
        write(first, "a0");
        write(second, "a1");
        OperatorSnapshot first1 = first.snapshot(1);
        OperatorSnapshot second1 = second.snapshot(1);
        write(first, "b0");
        write(second, "b1");
        first.close();
        second.close();

        OperatorHarness<String, Object> firstRestored = harness(fileSink, 0, 2).open(restoreFrom(1, first1, second1));

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a0\n"));
        assertThat(hidden(dir)).as("subtask 1's pending file and orphan").hasSize(2)
                .allMatch(name -> name.startsWith(".part-1-"));
        write(firstRestored, "b0");

        OperatorHarness<String, Object> secondRestored = harness(fileSink, 1, 2).open(restoreFrom(1, first1, second1));

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a0\n"), entry("part-1-0", "a1\n"));
        assertThat(hidden(dir)).as("subtask 0's file in progress is left alone").singleElement().asString()
                .startsWith(".part-0-2.inprogress.");
        firstRestored.close();
        secondRestored.close();
    }

    @Test
    void atLowerParallelismASubtaskLooksAfterTheFilesOfTheSubtasksThatAreGone() throws Exception {
        FileSink<String> fileSink = basePathSink(dir);
        OperatorHarness<String, Object> first = harness(fileSink, 0, 2).open();
        OperatorHarness<String, Object> second = harness(fileSink, 1, 2).open();
        write(first, "a0");
        write(second, "a1");
        OperatorSnapshot first1 = first.snapshot(1);
        OperatorSnapshot second1 = second.snapshot(1);
        write(first, "b0");
        write(second, "b1");
        first.close();
        second.close();

        OperatorHarness<String, Object> alone = harness(fileSink, 0, 1).open(restoreFrom(1, first1, second1));

        assertThat(committed(dir)).containsExactly(entry("part-0-0", "a0\n"), entry("part-1-0", "a1\n"));
        assertThat(hidden(dir)).isEmpty();
        write(alone, "b0", "b1");
        alone.snapshot(2);
        alone.notifyCheckpointComplete(2);
        alone.close();
        assertThat(committed(dir)).containsEntry("part-0-2", "b0\nb1\n").hasSize(3);
    }
}
