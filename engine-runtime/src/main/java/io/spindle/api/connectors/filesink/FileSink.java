package io.spindle.api.connectors.filesink;

import io.spindle.api.checkpoint.CheckpointListener;
import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;
import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;
import io.spindle.util.HadoopFileSystems;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Writes records into part files below a base path, exactly once, by two-phase commit on
 * checkpoints, as {@code stream.sinkTo(FileSink.forRowFormat(path, encoder).build())}. The path
 * goes through Hadoop's {@link FileSystem} ({@code hdfs://}, {@code file://}, ...).
 *
 * <p>Each bucket (a directory chosen per record by the {@link BucketAssigner}) has one part file
 * in progress at a time, hidden ({@code .part-<subtask>-<counter>.inprogress.<uuid>}, see
 * {@link PartFileNames}). The {@link RollingPolicy} closes it between checkpoints; every
 * checkpoint closes them all. A closed file is pending: the checkpoint records it, and when that
 * checkpoint completes it is renamed to its final, visible name {@code part-<subtask>-<counter>}.
 * A restore commits what the restored checkpoint recorded (its completion notification may have
 * been lost) and deletes what the failed attempt had in progress after it, which the replay
 * writes again. An aborted checkpoint leaves its files pending for the next one that completes.
 * Part counters only grow and live in the state, so no name is ever written twice.
 *
 * <p>Both list states are union state: every subtask of a restore sees all pending files, so it
 * never deletes as orphaned a file another subtask is about to commit, even at a changed
 * parallelism. A subtask commits the files of the old subtasks {@code i} with
 * {@code i % parallelism == its index}. The restore work runs in {@link #open}, where the subtask
 * index is first known; it lists the whole base path once per subtask.
 *
 * <p>At the end of a bounded input {@link #finish} closes the open files; the final checkpoint
 * commits them. Without checkpointing (no checkpoint taken nor restored when {@code finish} runs)
 * it commits everything itself: the output becomes visible when the job ends, and a job that
 * restarts from scratch writes it again, so it is at least once. The same holds, with
 * checkpointing on, for a sink chained to its source that finishes before the job's first
 * checkpoint, and throughout with {@code AT_LEAST_ONCE} checkpoints (barriers not aligned). An
 * unbounded job without checkpoints never commits. {@link #close} without {@code finish}
 * (failure, cancel) leaves the in-progress files for the restore to delete. All methods run in
 * the task thread.
 *
 * <p>The state names below and the class of {@link PendingPartFile} are part of the checkpoint
 * format: renaming them breaks restores of existing jobs.
 */
public final class FileSink<IN> implements SinkFunction<IN>, RichFunction, CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    static final String PENDING_FILES_STATE = "file-sink-pending-files";
    static final String PART_COUNTER_STATE = "file-sink-part-counter";

    private final String basePath;
    private final Encoder<IN> encoder;
    private final BucketAssigner<IN> bucketAssigner;
    private final RollingPolicy rollingPolicy;
    private final String partPrefix;
    private final String partSuffix;

    private transient ListState<PendingPartFile> pendingState;
    private transient ListState<Long> counterState;
    private transient boolean restored;
    private transient List<PendingPartFile> restoredPending;
    private transient boolean checkpointTaken;
    private transient boolean finished;

    private transient int subtaskIndex;
    private transient int parallelism;
    private transient Path base;
    private transient PartFileCommitter committer;
    private transient long restoredCounter;
    private transient Buckets<IN> buckets;
    private transient List<PendingPartFile> pending;

    FileSink(RowFormatBuilder<IN> builder) {
        this.basePath = builder.basePath;
        this.encoder = builder.encoder;
        this.bucketAssigner = builder.bucketAssigner;
        this.rollingPolicy = builder.rollingPolicy;
        this.partPrefix = builder.partPrefix;
        this.partSuffix = builder.partSuffix;
    }

    /** A sink that writes each record with {@code encoder}, one after another, into part files. */
    public static <IN> RowFormatBuilder<IN> forRowFormat(String basePath, Encoder<IN> encoder) {
        return new RowFormatBuilder<>(basePath, encoder);
    }

    public String getBasePath() {
        return basePath;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        pendingState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(PENDING_FILES_STATE, PendingPartFile.class));
        counterState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(PART_COUNTER_STATE, Long.class));
        restored = context.isRestored();
        restoredPending = new ArrayList<>();
        pendingState.get().forEach(restoredPending::add);
        restoredCounter = 0;
        for (Long counter : counterState.get()) {
            restoredCounter = Math.max(restoredCounter, counter);
        }
    }

    @Override
    public void open(RuntimeContext context) throws IOException {
        subtaskIndex = context.getIndexOfThisSubtask();
        parallelism = context.getNumberOfParallelSubtasks();
        Path parsed = HadoopFileSystems.parse(basePath, "FileSink base");
        FileSystem fileSystem = HadoopFileSystems.forPath(parsed);
        base = fileSystem.makeQualified(parsed);
        createBaseDirectory(fileSystem);
        PartFileNames names = new PartFileNames(partPrefix, partSuffix, subtaskIndex);
        committer = new PartFileCommitter(fileSystem);
        long nextCounter = restored ? recover(names) : 0;
        restoredPending = null;
        pending = new ArrayList<>();
        buckets = new Buckets<>(fileSystem, base, names, committer, encoder, bucketAssigner, rollingPolicy, nextCounter);
    }

    private void createBaseDirectory(FileSystem fileSystem) throws IOException {
        try {
            if (!fileSystem.mkdirs(base)) {
                throw new IOException("mkdirs returned false");
            }
        } catch (IOException e) {
            throw new IOException("FileSink cannot use its base path " + base + " as output directory: " + e.getMessage()
                    + ". The path must be a directory, or creatable as one, that the user running the job may write;"
                    + " fix its permissions or choose another base path.", e);
        }
    }

    /**
     * Commits the restored checkpoint's files of this subtask's writers, then deletes their
     * orphans; returns the part counter to go on with.
     */
    private long recover(PartFileNames names) throws IOException {
        Set<String> referenced = new HashSet<>();
        for (PendingPartFile file : restoredPending) {
            referenced.add(file.inProgress().getName());
            if (ownsFilesOf(file.subtaskIndex())) {
                committer.commit(file.inProgress(), file.finalFile(), file.length());
            }
        }
        return Math.max(restoredCounter, committer.deleteOrphans(base, names, this::ownsFilesOf, referenced));
    }

    /** After a restore at another parallelism this subtask looks after some former subtasks' files. */
    private boolean ownsFilesOf(int writerSubtask) {
        return writerSubtask % parallelism == subtaskIndex;
    }

    @Override
    public void invoke(IN value) throws IOException {
        buckets.write(value);
    }

    /** Closes every open file; all closed files since the last checkpoint become pending for this one. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) throws IOException {
        checkpointTaken = true;
        buckets.rollAll();
        for (InProgressPart part : buckets.takeClosed()) {
            pending.add(new PendingPartFile(context.getCheckpointId(), subtaskIndex, part.inProgressPath().toString(),
                    part.finalPath().toString(), part.getSize()));
        }
        pendingState.update(pending);
        counterState.update(List.of(buckets.nextCounter()));
    }

    /** Commits the files of this and every earlier checkpoint, whose notifications may have been lost. */
    @Override
    public void notifyCheckpointComplete(long checkpointId) throws IOException {
        Iterator<PendingPartFile> files = pending.iterator();
        while (files.hasNext()) {
            PendingPartFile file = files.next();
            if (file.checkpointId() <= checkpointId) {
                committer.commit(file.inProgress(), file.finalFile(), file.length());
                files.remove();
            }
        }
    }

    @Override
    public void finish() throws IOException {
        finished = true;
        buckets.rollAll();
        if (!checkpointTaken && !restored) {
            for (InProgressPart part : buckets.takeClosed()) {
                committer.commit(part.inProgressPath(), part.finalPath(), part.getSize());
            }
        }
    }

    /**
     * After {@code finish} everything should be committed by now; what is not stays hidden, which
     * the log must say: records that reach the sink after the task's last checkpoint (such as
     * processing-time windows fired at the end of the input) are covered by no checkpoint.
     */
    @Override
    public void close() {
        if (buckets == null) {
            return;
        }
        buckets.closeQuietly();
        int uncommitted = pending.size() + buckets.closedCount();
        if (finished && uncommitted > 0) {
            LOG.warn("FileSink to {} (subtask {}) ends with {} part files that no completed checkpoint committed; they"
                    + " stay hidden unless the job restores from a checkpoint. Records that reach the sink after its"
                    + " last checkpoint are not committed by a final one.", base, subtaskIndex, uncommitted);
        }
    }
}
