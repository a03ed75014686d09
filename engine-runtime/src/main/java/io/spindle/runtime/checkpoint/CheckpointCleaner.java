package io.spindle.runtime.checkpoint;

import io.spindle.runtime.checkpoint.proto.KeyGroupsStateHandle;
import io.spindle.runtime.checkpoint.proto.OperatorState;
import io.spindle.runtime.checkpoint.proto.OperatorSubtaskState;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes checkpoint directories on the I/O executor, logging what fails: a leftover directory
 * is no reason to fail a job. A subsumed checkpoint's directory is held back while a newer
 * checkpoint still refers to a file in it, which happens when a finished task's keyed state is
 * carried on from checkpoint to checkpoint without being written again.
 */
final class CheckpointCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointCleaner.class);

    private final CheckpointStorage storage;
    private final Executor ioExecutor;
    /** Directories of subsumed checkpoints, to delete once nothing refers to their files. */
    private final Set<String> held = new LinkedHashSet<>();

    CheckpointCleaner(CheckpointStorage storage, Executor ioExecutor) {
        this.storage = storage;
        this.ioExecutor = ioExecutor;
    }

    /** Deletes the directory of a checkpoint nothing else refers to (aborted, or its job is over). */
    void discard(String location) {
        ioExecutor.execute(() -> {
            try {
                storage.discard(location);
            } catch (Exception e) {
                LOG.warn("Could not delete checkpoint directory {}", location, e);
            }
        });
    }

    /** Deletes the directory once {@link #release} finds no reference to a file in it. */
    void discardWhenUnreferenced(String location) {
        held.add(location);
    }

    /** Deletes the held directories no file of the retained and pending checkpoints lies in. */
    void release(Collection<CompletedCheckpoint> retained, Collection<PendingCheckpoint> pending) {
        if (held.isEmpty()) {
            return;
        }
        Set<String> referencedFiles = new HashSet<>();
        for (CompletedCheckpoint checkpoint : retained) {
            for (OperatorState operator : checkpoint.metadata().getOperatorsList()) {
                addFiles(operator.getSubtasksList(), referencedFiles);
            }
        }
        for (PendingCheckpoint checkpoint : pending) {
            addFiles(checkpoint.states(), referencedFiles);
        }
        for (Iterator<String> it = held.iterator(); it.hasNext(); ) {
            String location = it.next();
            String prefix = location.endsWith("/") ? location : location + "/";
            if (referencedFiles.stream().noneMatch(file -> file.startsWith(prefix))) {
                it.remove();
                discard(location);
            }
        }
    }

    private static void addFiles(List<OperatorSubtaskState> states, Set<String> files) {
        for (OperatorSubtaskState state : states) {
            for (KeyGroupsStateHandle keyed : state.getKeyedStateList()) {
                files.add(keyed.getPath());
            }
        }
    }

    /** Deletes every held directory: the checkpoints referring to them are being deleted too. */
    void discardHeld() {
        held.forEach(this::discard);
        held.clear();
    }
}
