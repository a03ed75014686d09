package io.spindle.runtime.blob;

import io.spindle.rpc.RpcService;
import io.spindle.util.FileUtils;
import io.spindle.runtime.messages.BlobChunk;
import io.spindle.runtime.messages.BlobChunkRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A TaskManager's local copies of blobs, downloaded once from the JobManager's
 * {@link BlobServer} and checked against their key before use; kept per job, as on the server, so
 * that a job's copies go when the job leaves this TaskManager.
 */
public final class BlobCache implements AutoCloseable {
    private final RpcService rpcService;
    private final Path directory;

    public BlobCache(RpcService rpcService, Path directory) throws IOException {
        this.rpcService = rpcService;
        this.directory = Files.createDirectories(directory);
    }

    /** Deletes the local copies (the TaskManager stops). */
    @Override
    public synchronized void close() {
        FileUtils.deleteQuietly(directory);
    }

    /** Deletes the job's local copies: the job has no slot and no task here any more. */
    public synchronized void releaseJob(String jobId) throws IOException {
        FileUtils.deleteRecursively(directory.resolve(BlobServer.jobDirectoryName(jobId)));
    }

    /** The local file of a job's {@code key}, downloading it from the server first if needed. Blocking; thread-safe. */
    public synchronized Path getFile(String jobId, String key, InetSocketAddress blobServerAddress) throws IOException {
        Path jobDirectory = directory.resolve(BlobServer.jobDirectoryName(jobId));
        Path target = jobDirectory.resolve(BlobServer.validKey(key));
        if (Files.exists(target)) {
            return target;
        }
        Files.createDirectories(jobDirectory);
        Path temporary = Files.createTempFile(jobDirectory, "download-", ".tmp");
        try {
            MessageDigest digest = BlobServer.sha256();
            var gateway = rpcService.connect(blobServerAddress, BlobServer.ENDPOINT_ID).get(30, TimeUnit.SECONDS);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                long offset = 0;
                long total;
                do {
                    BlobChunk chunk = gateway.call(BlobServer.GET_CHUNK,
                            BlobChunkRequest.newBuilder().setJobId(jobId).setKey(key).setOffset(offset).build(), BlobChunk.parser())
                            .get(60, TimeUnit.SECONDS);
                    total = chunk.getTotalLength();
                    chunk.getData().writeTo(out);
                    digest.update(chunk.getData().asReadOnlyByteBuffer());
                    offset += chunk.getData().size();
                    if (chunk.getData().isEmpty() && offset < total) {
                        throw new IOException("blob " + key + " ended early at byte " + offset + " of " + total);
                    }
                } while (offset < total);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(key)) {
                throw new IOException("blob " + key + " arrived corrupted (its SHA-256 is " + actual + ")");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading blob " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not download blob " + key + " from the JobManager at " + blobServerAddress
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.toString()), e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
