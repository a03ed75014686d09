package io.spindle.api.connectors.filesink;

import io.spindle.api.StreamEnvironment;
import io.spindle.api.checkpoint.CheckpointListener;
import io.spindle.api.functions.MapFunction;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.configuration.Configuration;
import io.spindle.runtime.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import static io.spindle.api.connectors.filesink.FileSinkTesting.committed;
import static org.assertj.core.api.Assertions.assertThat;

/** Whole jobs on a LocalCluster with checkpointing: a failure and restore, and the final checkpoint. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileSinkLocalClusterTest {
    private static final long RECORDS = 20_000;

    private static LocalCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.start(1, 4, new Configuration());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Test
    void aBoundedJobThatFailsOnceWritesEveryRecordExactlyOnce() throws Exception {
        Path output = dir.resolve("out");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(20);
        env.getConfiguration().setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        env.getConfiguration().setString("restart-strategy.type", "fixed-delay");
        env.getConfiguration().setString("restart-strategy.fixed-delay.delay", "50 ms");
        env.fromSequence(1, RECORDS)
                .map(new FailsAfterTwoCheckpoints())
                .rebalance()
                .sinkTo(sequenceSink(output));

        env.execute("file sink exactly once");

        assertThat(numbersIn(output)).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, RECORDS).boxed().toList());
        assertThat(FailsAfterTwoCheckpoints.FAILED).as("the job restored from a checkpoint").isTrue();
        assertThat(FileSinkTesting.hidden(output)).isEmpty();
    }

    @Test
    void aSinkChainedToItsSourceCommitsEverythingByTheEndOfTheJob() throws Exception {
        Path output = dir.resolve("chained");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2).enableCheckpointing(20);
        env.getConfiguration().setString("execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString());
        env.fromSequence(1, 1_000).sinkTo(sequenceSink(output));

        env.execute("chained file sink");

        assertThat(numbersIn(output)).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
        assertThat(FileSinkTesting.hidden(output)).isEmpty();
    }

    @Test
    void withoutCheckpointingTheOutputIsCommittedWhenTheInputEnds() throws Exception {
        Path output = dir.resolve("unchecked");
        StreamEnvironment env = cluster.createEnvironment().setParallelism(2);
        env.fromSequence(1, 1_000).rebalance().sinkTo(sequenceSink(output));

        env.execute("file sink without checkpoints");

        assertThat(numbersIn(output)).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1_000).boxed().toList());
        assertThat(FileSinkTesting.hidden(output)).isEmpty();
    }

    private static FileSink<Long> sequenceSink(Path output) {
        return FileSink.forRowFormat(output.toUri().toString(), new SimpleStringEncoder<Long>())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .build();
    }

    private static List<Long> numbersIn(Path output) {
        List<Long> written = new ArrayList<>();
        committed(output).values().forEach(content -> content.lines().forEach(line -> written.add(Long.parseLong(line))));
        return written;
    }

    /**
     * Slow enough for several checkpoints; subtask 0 of the first attempt, slower still so that it
     * cannot end first, fails 200 records after two have completed, so the job restores with
     * files committed, pending and in progress.
     */
    static final class FailsAfterTwoCheckpoints implements MapFunction<Long, Long>, RichFunction, CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();

        private transient boolean failing;
        private transient int completedCheckpoints;
        private transient int recordsAfterTwoCheckpoints;

        @Override
        public void open(RuntimeContext context) {
            failing = context.getAttemptNumber() == 0 && context.getIndexOfThisSubtask() == 0;
        }

        @Override
        public Long map(Long value) throws InterruptedException {
            if (failing || value % 10 == 0) {
                Thread.sleep(1);
            }
            if (failing && completedCheckpoints >= 2 && ++recordsAfterTwoCheckpoints == 200) {
                FAILED.set(true);
                throw new IllegalStateException("first attempt fails");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completedCheckpoints++;
        }
    }
}
