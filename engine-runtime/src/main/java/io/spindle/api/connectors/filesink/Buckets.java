package io.spindle.api.connectors.filesink;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writing half of a {@link FileSink} subtask: one in-progress part file per bucket, opened on
 * the bucket's first record, rolled as the {@link RollingPolicy} says or when the sink asks, and
 * kept, closed, until the sink takes it as pending. Processing-time rolls are checked on records,
 * at most once a second over all open files, so no timer is needed; a bucket that gets no more
 * records is closed by that check or, at the latest, by the next checkpoint.
 */
final class Buckets<IN> {
    private static final long ROLL_CHECK_INTERVAL_MILLIS = 1000;

    private final FileSystem fileSystem;
    private final Path base;
    private final PartFileNames names;
    private final PartFileCommitter committer;
    private final Encoder<IN> encoder;
    private final BucketAssigner<IN> bucketAssigner;
    private final RollingPolicy rollingPolicy;
    private final Map<String, InProgressPart> openParts = new LinkedHashMap<>();
    private final List<InProgressPart> closed = new ArrayList<>();
    private long nextCounter;
    private long lastRollCheck;
    /** Set when a part file could not be closed: its records are in no file, so only a restore may go on. */
    private IOException lostPart;

    Buckets(FileSystem fileSystem, Path base, PartFileNames names, PartFileCommitter committer, Encoder<IN> encoder,
            BucketAssigner<IN> bucketAssigner, RollingPolicy rollingPolicy, long nextCounter) {
        this.fileSystem = fileSystem;
        this.base = base;
        this.names = names;
        this.committer = committer;
        this.encoder = encoder;
        this.bucketAssigner = bucketAssigner;
        this.rollingPolicy = rollingPolicy;
        this.nextCounter = nextCounter;
    }

    void write(IN value) throws IOException {
        checkNoLostPart();
        long now = System.currentTimeMillis();
        if (now - lastRollCheck >= ROLL_CHECK_INTERVAL_MILLIS) {
            lastRollCheck = now;
            for (InProgressPart part : new ArrayList<>(openParts.values())) {
                if (rollingPolicy.shouldRollOnProcessingTime(part, now)) {
                    roll(part);
                }
            }
        }
        String bucketId = bucketAssigner.getBucketId(value, now);
        InProgressPart part = openParts.get(bucketId);
        if (part == null) {
            part = open(bucketId, now);
        }
        part.write(value, encoder, now);
        if (rollingPolicy.shouldRollOnEvent(part)) {
            roll(part);
        }
    }

    /** Closes every open part file. */
    void rollAll() throws IOException {
        checkNoLostPart();
        for (InProgressPart part : new ArrayList<>(openParts.values())) {
            roll(part);
        }
    }

    /** The part files closed since the last call, which the caller now owns. */
    List<InProgressPart> takeClosed() {
        List<InProgressPart> taken = new ArrayList<>(closed);
        closed.clear();
        return taken;
    }

    int closedCount() {
        return closed.size();
    }

    /** The counter the next part file gets, at least; it goes into checkpoints. */
    long nextCounter() {
        return nextCounter;
    }

    /** After a failure or cancellation: the open files stay behind for the restore to delete. */
    void closeQuietly() {
        for (InProgressPart part : openParts.values()) {
            part.closeQuietly();
        }
        openParts.clear();
    }

    private InProgressPart open(String bucketId, long now) throws IOException {
        Path directory = directoryOf(bucketId);
        long counter = committer.firstFreeCounter(directory, names, nextCounter);
        nextCounter = counter + 1;
        InProgressPart part = InProgressPart.create(fileSystem, base, bucketId,
                new Path(directory, names.inProgressName(counter)), new Path(directory, names.finalName(counter)), now);
        openParts.put(bucketId, part);
        return part;
    }

    private Path directoryOf(String bucketId) {
        if (bucketId == null) {
            throw new IllegalArgumentException("The BucketAssigner " + bucketAssigner.getClass().getName()
                    + " returned null as bucket id; return \"\" for the base path itself");
        }
        if (bucketId.isEmpty()) {
            return base;
        }
        for (String segment : bucketId.split("/", -1)) {
            if (segment.isEmpty() || segment.equals("..") || segment.startsWith(".") || segment.startsWith("_")) {
                throw new IllegalArgumentException("The BucketAssigner " + bucketAssigner.getClass().getName()
                        + " returned the bucket id '" + bucketId + "'; a bucket id is a relative directory path below"
                        + " the base path, without empty, '..' or hidden (leading '.' or '_') segments");
            }
        }
        return new Path(base, bucketId);
    }

    private void roll(InProgressPart part) throws IOException {
        openParts.remove(part.getBucketId());
        try {
            part.closeForCommit();
        } catch (IOException e) {
            lostPart = new IOException("FileSink could not close the part file " + part.inProgressPath() + ": " + e
                    + ". Its records must be written again from the last checkpoint, so the task must fail over.", e);
            throw lostPart;
        }
        closed.add(part);
    }

    /**
     * A failed snapshot only declines the checkpoint and the task goes on; after a lost part
     * file it must take no later checkpoint, which would complete without those records.
     */
    private void checkNoLostPart() throws IOException {
        if (lostPart != null) {
            throw lostPart;
        }
    }
}
