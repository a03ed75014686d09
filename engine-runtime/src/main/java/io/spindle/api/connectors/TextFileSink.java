package io.spindle.api.connectors;

import io.spindle.util.HadoopFileSystems;
import io.spindle.api.functions.RichFunction;
import io.spindle.api.functions.RuntimeContext;
import io.spindle.api.functions.SinkFunction;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes each record's {@code toString()} and a {@code \n}, UTF-8 encoded, as
 * {@code stream.writeAsText(path, writeMode)}. The path goes through Hadoop's
 * {@link FileSystem} ({@code file://}, {@code hdfs://}, ...).
 *
 * <p>At parallelism 1 the path is the output file. Above 1 it is a directory in which subtask
 * {@code i} writes the file {@code i + 1}; with {@link WriteMode#OVERWRITE} the first subtask
 * also removes numbered files left by an earlier run with higher parallelism, so the directory
 * holds exactly this run's output. With {@link WriteMode#NO_OVERWRITE} an existing output file
 * (or a file where the directory should be) makes {@link #open} fail.
 *
 * <p>Output is buffered; {@link #finish} writes the rest and closes the file, so the output is
 * complete when a bounded job ends. {@link #close} without {@code finish} (failure, cancel)
 * closes the file quietly and leaves what was written so far. All methods run in the task thread.
 *
 * <p>At least once: a job that restores from a checkpoint writes its files again from the start
 * of its attempt, and readers see records before any checkpoint covers them. For exactly-once
 * output use {@code FileSink}, which makes files visible only when a checkpoint completes.
 */
public final class TextFileSink<T> implements SinkFunction<T>, RichFunction {
    private static final long serialVersionUID = 1L;

    private static final int FLUSH_THRESHOLD_CHARS = 32 * 1024;

    private final String path;
    private final WriteMode writeMode;

    private transient OutputStream out;
    private transient StringBuilder pending;

    public TextFileSink(String path) {
        this(path, WriteMode.NO_OVERWRITE);
    }

    public TextFileSink(String path, WriteMode writeMode) {
        HadoopFileSystems.parse(path, "output");
        if (writeMode == null) {
            throw new IllegalArgumentException("The write mode of a text file sink must not be null");
        }
        this.path = path;
        this.writeMode = writeMode;
    }

    public String getPath() {
        return path;
    }

    public WriteMode getWriteMode() {
        return writeMode;
    }

    @Override
    public void open(RuntimeContext context) throws IOException {
        Path base = HadoopFileSystems.parse(path, "output");
        FileSystem fileSystem = HadoopFileSystems.forPath(base);
        int parallelism = context.getNumberOfParallelSubtasks();
        Path target;
        if (parallelism == 1) {
            prepareSingleFile(fileSystem, base);
            target = base;
        } else {
            prepareDirectory(fileSystem, base, context.getIndexOfThisSubtask(), parallelism);
            target = new Path(base, String.valueOf(context.getIndexOfThisSubtask() + 1));
            if (writeMode == WriteMode.NO_OVERWRITE && statusOrNull(fileSystem, target) != null) {
                throw outputExists(target);
            }
        }
        try {
            out = fileSystem.create(target, writeMode == WriteMode.OVERWRITE);
        } catch (FileAlreadyExistsException e) {
            throw outputExists(target);
        }
        pending = new StringBuilder(FLUSH_THRESHOLD_CHARS + 256);
    }

    private void prepareSingleFile(FileSystem fileSystem, Path file) throws IOException {
        FileStatus existing = statusOrNull(fileSystem, file);
        if (existing == null) {
            return;
        }
        if (writeMode == WriteMode.NO_OVERWRITE) {
            throw outputExists(file);
        }
        if (existing.isDirectory() && !fileSystem.delete(file, true)) {
            throw new IOException("Could not delete the existing directory " + file + " to replace it with the output file");
        }
    }

    private void prepareDirectory(FileSystem fileSystem, Path directory, int subtaskIndex, int parallelism)
            throws IOException {
        FileStatus existing = statusOrNull(fileSystem, directory);
        if (existing != null && existing.isFile()) {
            if (writeMode == WriteMode.NO_OVERWRITE) {
                throw new IOException("Output path " + directory + " is a file, but at parallelism " + parallelism
                        + " the sink writes a directory there and the write mode is NO_OVERWRITE. Delete the file,"
                        + " choose another path, or use WriteMode.OVERWRITE.");
            }
            // Every subtask may get here; whichever deletes first wins, the others find a directory.
            deleteIfStillFile(fileSystem, directory);
        }
        if (!fileSystem.mkdirs(directory)) {
            throw new IOException("Could not create the output directory " + directory);
        }
        if (writeMode == WriteMode.OVERWRITE && subtaskIndex == 0) {
            removeStaleSubtaskFiles(fileSystem, directory, parallelism);
        }
    }

    private static void deleteIfStillFile(FileSystem fileSystem, Path path) {
        try {
            FileStatus status = statusOrNull(fileSystem, path);
            if (status != null && status.isFile()) {
                fileSystem.delete(path, false);
            }
        } catch (IOException raceWithAnotherSubtask) {
            // Another subtask replaced the file with the directory meanwhile; mkdirs decides.
        }
    }

    /** Deletes files named by a number above {@code parallelism}; no running subtask writes those. */
    private static void removeStaleSubtaskFiles(FileSystem fileSystem, Path directory, int parallelism)
            throws IOException {
        for (FileStatus child : fileSystem.listStatus(directory)) {
            String name = child.getPath().getName();
            if (isNumberAbove(name, parallelism)) {
                fileSystem.delete(child.getPath(), true);
            }
        }
    }

    private static boolean isNumberAbove(String name, int limit) {
        if (name.isEmpty() || name.length() > 10 || !name.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Long.parseLong(name) > limit;
    }

    private static FileStatus statusOrNull(FileSystem fileSystem, Path path) throws IOException {
        try {
            return fileSystem.getFileStatus(path);
        } catch (FileNotFoundException e) {
            return null;
        }
    }

    private static IOException outputExists(Path path) {
        return new FileAlreadyExistsException("Output path " + path + " already exists and the write mode is"
                + " NO_OVERWRITE. Delete it, choose another path, or use WriteMode.OVERWRITE.");
    }

    @Override
    public void invoke(T value) throws IOException {
        StringBuilder buffer = pending;
        buffer.append(value).append('\n');
        if (buffer.length() >= FLUSH_THRESHOLD_CHARS) {
            writePending();
        }
    }

    private void writePending() throws IOException {
        out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
        pending.setLength(0);
    }

    @Override
    public void finish() throws IOException {
        if (out == null) {
            return;
        }
        writePending();
        OutputStream finished = out;
        out = null;
        finished.close();
    }

    @Override
    public void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // Closing after a failure or cancellation; the job's own error is what matters.
        } finally {
            out = null;
        }
    }
}
