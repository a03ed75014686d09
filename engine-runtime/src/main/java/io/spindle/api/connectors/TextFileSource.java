package io.spindle.api.connectors;

import io.spindle.util.HadoopFileSystems;
import io.spindle.api.checkpoint.CheckpointedFunction;
import io.spindle.api.checkpoint.FunctionInitializationContext;
import io.spindle.api.checkpoint.FunctionSnapshotContext;
import io.spindle.api.state.ListState;
import io.spindle.api.state.ListStateDescriptor;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.ParallelSourceFunction;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Emits the lines of a text file, or of every file in a directory, as {@code env.readTextFile}.
 * The path goes through Hadoop's {@link FileSystem}, so {@code file://}, {@code hdfs://} and any
 * other configured scheme work; a path without scheme uses {@code fs.defaultFS}.
 *
 * <p>A directory contributes its regular files whose names do not start with {@code .} or
 * {@code _} (such as {@code _SUCCESS} or checksum files), in name order; subdirectories are not
 * read. The files' bytes, taken as one sequence, are cut into one contiguous byte range per
 * parallel instance, and each instance emits the lines that start in its range (see
 * {@link SplitLineReader}), so that all instances together emit every line exactly once. Lines
 * are decoded as UTF-8 and lose their {@code \n} or {@code \r\n} ending.
 *
 * <p>Checkpoints hold the segments still to read, each with the offset of its next line, so a
 * restored job goes on exactly after the last line emitted before the checkpoint; at another
 * parallelism the remaining segments are dealt out to the new instances.
 *
 * <p>{@link #run} runs in the task thread; {@link #cancel} may be called from any thread.
 */
public final class TextFileSource implements ParallelSourceFunction<String>, RichFunction, CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final String path;

    private transient FileSystem fileSystem;
    /** The segments not yet read to their end; the first is the one being read. */
    private transient List<Segment> segments;
    /** Where the next line of the first segment starts, updated before each line is emitted. */
    private transient long currentPosition = -1;
    private transient ListState<String> remainingState;
    private transient List<Segment> restoredSegments;
    private transient volatile boolean cancelled;

    public TextFileSource(String path) {
        HadoopFileSystems.parse(path, "input");
        this.path = path;
    }

    public String getPath() {
        return path;
    }

    /**
     * Checks on the client, before a job runs, that {@code path} exists and can be reached.
     *
     * @throws IllegalArgumentException saying that the path does not exist, or why it cannot be
     *     accessed
     */
    public static void validatePath(String path) {
        Path hadoopPath = HadoopFileSystems.parse(path, "input");
        try {
            HadoopFileSystems.forPath(hadoopPath).getFileStatus(hadoopPath);
        } catch (FileNotFoundException e) {
            throw inputPathMissing(path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The job cannot access the input path " + path + ": " + e, e);
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        remainingState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("text-file-segments", String.class));
        if (context.isRestored()) {
            restoredSegments = new ArrayList<>();
            for (String encoded : remainingState.get()) {
                restoredSegments.add(Segment.decode(encoded));
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            long start = i == 0 && currentPosition >= 0 ? currentPosition : segment.start;
            if (start < segment.end) {
                remaining.add(new Segment(segment.file, start, segment.end).encode());
            }
        }
        remainingState.update(remaining);
    }

    @Override
    public void open(RuntimeContext context) throws IOException {
        Path root = HadoopFileSystems.parse(path, "input");
        fileSystem = HadoopFileSystems.forPath(root);
        if (restoredSegments != null) {
            segments = new ArrayList<>(restoredSegments);
            return;
        }
        List<FileStatus> files = listInputFiles(root);
        long totalBytes = 0;
        for (FileStatus file : files) {
            totalBytes += file.getLen();
        }
        int index = context.getIndexOfThisSubtask();
        int parallelism = context.getNumberOfParallelSubtasks();
        long rangeStart = rangeOffset(totalBytes, index, parallelism);
        long rangeEnd = rangeOffset(totalBytes, index + 1, parallelism);
        segments = new ArrayList<>();
        long fileStart = 0;
        for (FileStatus file : files) {
            long fileEnd = fileStart + file.getLen();
            long start = Math.max(rangeStart, fileStart);
            long end = Math.min(rangeEnd, fileEnd);
            if (start < end) {
                segments.add(new Segment(file.getPath(), start - fileStart, end - fileStart));
            }
            fileStart = fileEnd;
        }
    }

    /** Start of range {@code index} of {@code parallelism} near-equal ranges over {@code total} bytes. */
    private static long rangeOffset(long total, int index, int parallelism) {
        return (total / parallelism) * index + Math.min(index, total % parallelism);
    }

    private List<FileStatus> listInputFiles(Path root) throws IOException {
        FileStatus status;
        try {
            status = fileSystem.getFileStatus(root);
        } catch (FileNotFoundException e) {
            throw inputPathMissing(path);
        }
        if (!status.isDirectory()) {
            return List.of(status);
        }
        FileStatus[] children = fileSystem.listStatus(root, child -> !isHidden(child.getName()));
        return Arrays.stream(children)
                .filter(FileStatus::isFile)
                .sorted(Comparator.comparing(child -> child.getPath().getName()))
                .toList();
    }

    private static boolean isHidden(String fileName) {
        return fileName.startsWith(".") || fileName.startsWith("_");
    }

    private static IllegalArgumentException inputPathMissing(String path) {
        return new IllegalArgumentException("Input path does not exist: " + path
                + ". Check the path and its scheme (file://, hdfs://), or create the input first.");
    }

    @Override
    public void run(SourceContext<String> ctx) throws IOException {
        if (segments == null) {
            throw new IllegalStateException("TextFileSource.run was called before open(RuntimeContext)");
        }
        while (!segments.isEmpty()) {
            Segment segment = segments.get(0);
            try (SplitLineReader reader = new SplitLineReader(fileSystem.open(segment.file), segment.start, segment.end)) {
                String line;
                while (!cancelled && (line = reader.nextLine()) != null) {
                    // A checkpoint taken inside collect() must see this line as read.
                    currentPosition = reader.position();
                    ctx.collect(line);
                }
            }
            if (cancelled) {
                return;
            }
            segments.remove(0);
            currentPosition = -1;
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /** The part {@code [start, end)} of one file that this instance reads. */
    private record Segment(Path file, long start, long end) {
        String encode() {
            return start + " " + end + " " + file;
        }

        static Segment decode(String encoded) {
            String[] parts = encoded.split(" ", 3);
            return new Segment(new Path(parts[2]), Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
    }
}
