package io.spindle.runtime.blob;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.spindle.rpc.RpcEndpoint;
import io.spindle.ha.BlobStore;
import io.spindle.rpc.RpcService;
import io.spindle.runtime.messages.BlobChunk;
import io.spindle.runtime.messages.BlobChunkRequest;
import io.spindle.util.FileUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the user jars of submitted jobs on the JobManager, one directory per job
 * ({@code job_<jobId>/}), each jar named by the SHA-256 of its content, and serves them in chunks
 * to TaskManagers over RPC, so TaskManagers on other hosts run user code without a shared file
 * system. A job's blobs are its own, so that its cleanup deletes them without asking which other
 * job uses the same jar.
 */
public final class BlobServer extends RpcEndpoint {
    public static final String ENDPOINT_ID = "blobserver";
    static final String GET_CHUNK = "getChunk";
    static final int CHUNK_SIZE = 4 << 20;

    private final Path storageDirectory;
    private final BlobStore blobStore;

    /**
     * @param blobStore where each stored blob is copied so that it outlives this JobManager, and
     *     where blobs missing here (stored by an earlier leader) are fetched from
     */
    public BlobServer(RpcService rpcService, Path storageDirectory, BlobStore blobStore) throws IOException {
        super(rpcService, ENDPOINT_ID);
        this.storageDirectory = Files.createDirectories(storageDirectory);
        this.blobStore = blobStore;
    }

    /**
     * Stores a copy of {@code file} for the job and returns its key; storing the same content
     * twice is a no-op. Thread-safe.
     */
    public String put(String jobId, Path file) throws IOException {
        Path jobDirectory = Files.createDirectories(jobDirectory(jobId));
        Path temporary = Files.createTempFile(jobDirectory, "incoming-", ".tmp");
        try {
            String key;
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256())) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                key = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            Path target = jobDirectory.resolve(key);
            if (!Files.exists(target)) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
            blobStore.put(jobId, key, target);
            return key;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The stored file of a job's key, for local readers (the JobManager's own class loading); a
     * blob an earlier leader stored is fetched from the blob store first. Thread-safe.
     */
    public Path getFile(String jobId, String key) throws IOException {
        Path jobDirectory = jobDirectory(jobId);
        Path file = jobDirectory.resolve(validKey(key));
        if (!Files.exists(file)) {
            Files.createDirectories(jobDirectory);
            Path temporary = Files.createTempFile(jobDirectory, "recovering-", ".tmp");
            try {
                if (!blobStore.get(jobId, key, temporary)) {
                    throw new NoSuchFileException(file.toString(), null, "job " + jobId + " has no blob with key " + key);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        return file;
    }

    /**
     * Deletes the job's blobs here and in the blob store: the job ended. A job with none is no
     * error. Thread-safe.
     */
    public void deleteJob(String jobId) throws IOException {
        blobStore.deleteAll(jobId);
        FileUtils.deleteRecursively(jobDirectory(jobId));
    }

    private Path jobDirectory(String jobId) {
        return storageDirectory.resolve(jobDirectoryName(jobId));
    }

    /** The directory of a job's blobs, on the server as in a TaskManager's cache. */
    static String jobDirectoryName(String jobId) {
        if (jobId == null || !jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("'" + jobId + "' is not a job id (32 hex digits)");
        }
        return "job_" + jobId;
    }

    @Override
    protected CompletableFuture<? extends Message> handleCall(String method, ByteString payload) throws Exception {
        if (!GET_CHUNK.equals(method)) {
            throw unknownMethod(method);
        }
        BlobChunkRequest request = BlobChunkRequest.parseFrom(payload);
        try (FileChannel channel = FileChannel.open(getFile(request.getJobId(), request.getKey()), StandardOpenOption.READ)) {
            long total = channel.size();
            int length = (int) Math.max(0, Math.min(CHUNK_SIZE, total - request.getOffset()));
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer, request.getOffset() + buffer.position()) >= 0) {
                // read until the chunk is full
            }
            buffer.flip();
            return CompletableFuture.completedFuture(
                    BlobChunk.newBuilder().setTotalLength(total).setData(ByteString.copyFrom(buffer)).build());
        }
    }

    static String validKey(String key) {
        if (key == null || !key.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'" + key + "' is not a blob key (64 hex digits of a SHA-256)");
        }
        return key;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
