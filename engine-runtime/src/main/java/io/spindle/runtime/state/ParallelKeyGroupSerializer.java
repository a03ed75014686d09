package io.spindle.runtime.state;

import io.spindle.serialization.DataOutputSerializer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Serializes the key groups of a snapshot on a few threads of its own and hands them to one
 * consumer in key group order, so the file they go to looks exactly as if one thread wrote it.
 *
 * <p>Why: serializing a large heap state is bound by memory latency (every entry, key and value
 * is a cache miss, in hash order rather than allocation order), not by the file system, and key
 * groups are independent (each has its own class dictionary), so cores add up.
 *
 * <p>At most {@code threads + 1} key groups are serialized and not yet consumed at any time,
 * each in a buffer that is reused for a later key group. When a key group fails to serialize,
 * the consumer fails, or the calling thread is interrupted (a TaskManager shutting down), the
 * remaining key groups are dropped and this waits for the ones being serialized to finish: when
 * {@link #serialize} returns or throws, no thread of it reads the snapshot any longer, so the
 * caller may release it, and no thread of it is left.
 */
final class ParallelKeyGroupSerializer {
    /** Writes the key group at {@code index} of the snapshot's range; called from several threads at once. */
    @FunctionalInterface
    interface KeyGroupWriter {
        void write(int index, DataOutputSerializer out) throws IOException;
    }

    private static final int INITIAL_BUFFER_SIZE = 1 << 16;

    private ParallelKeyGroupSerializer() {}

    /**
     * Serializes the key groups {@code 0 .. keyGroups - 1} with {@code writer} on {@code threads}
     * threads (in the calling thread when that is 1) and passes each to {@code consumer}, in
     * order, from the calling thread, with {@code firstKeyGroup + index} as its key group.
     */
    static void serialize(int firstKeyGroup, int keyGroups, int threads, KeyGroupWriter writer,
            KeyGroupConsumer consumer) throws IOException {
        if (threads <= 1 || keyGroups <= 1) {
            serializeInThisThread(firstKeyGroup, keyGroups, writer, consumer);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "keyed-state-serializer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            serializeInPool(pool, firstKeyGroup, keyGroups, threads + 1, writer, consumer);
        } finally {
            stopAndWait(pool);
        }
    }

    private static void serializeInThisThread(int firstKeyGroup, int keyGroups, KeyGroupWriter writer,
            KeyGroupConsumer consumer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(INITIAL_BUFFER_SIZE);
        for (int index = 0; index < keyGroups; index++) {
            out.clear();
            writer.write(index, out);
            consumer.accept(firstKeyGroup + index, out.getSharedBuffer(), 0, out.length());
        }
    }

    private static void serializeInPool(ExecutorService pool, int firstKeyGroup, int keyGroups, int window,
            KeyGroupWriter writer, KeyGroupConsumer consumer) throws IOException {
        ArrayDeque<Future<DataOutputSerializer>> inFlight = new ArrayDeque<>(window);
        ArrayDeque<DataOutputSerializer> free = new ArrayDeque<>(window);
        int next = 0;
        for (int index = 0; index < keyGroups; index++) {
            while (next < keyGroups && inFlight.size() < window) {
                DataOutputSerializer out = free.isEmpty() ? new DataOutputSerializer(INITIAL_BUFFER_SIZE) : free.pop();
                int toWrite = next++;
                inFlight.add(pool.submit(() -> {
                    out.clear();
                    writer.write(toWrite, out);
                    return out;
                }));
            }
            DataOutputSerializer out = await(inFlight.poll(), firstKeyGroup + index);
            consumer.accept(firstKeyGroup + index, out.getSharedBuffer(), 0, out.length());
            free.push(out);
        }
    }

    private static DataOutputSerializer await(Future<DataOutputSerializer> serialized, int keyGroup)
            throws IOException {
        try {
            return serialized.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(
                    "Interrupted while serializing key group " + keyGroup);
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("Could not serialize key group " + keyGroup, cause);
        }
    }

    /**
     * Drops the key groups not started yet and waits for the running ones, even when interrupted
     * (they read the snapshot, which the caller releases next); keeps the interrupt for the caller.
     */
    private static void stopAndWait(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
