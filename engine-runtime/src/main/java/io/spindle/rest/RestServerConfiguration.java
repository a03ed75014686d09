package io.spindle.rest;

import io.spindle.configuration.Configuration;
import io.spindle.configuration.IllegalConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the REST endpoint listens.
 *
 * @param bindAddress host name or IP address to bind to (also used in {@code getRestBaseUrl()}
 *     unless it is a wildcard address)
 * @param port TCP port, 0 for any free one
 * @param maxContentLength largest request body in bytes; larger requests get 413
 * @param idlenessTimeout a connection silent (or with a half-sent request) this long is closed
 * @param uploadDirectory where uploaded jars and the jars of submitted jobs are stored
 */
public record RestServerConfiguration(String bindAddress, int port, int maxContentLength, Duration idlenessTimeout,
        Path uploadDirectory) {
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 100 << 20;
    public static final Duration DEFAULT_IDLENESS_TIMEOUT = Duration.ofSeconds(30);

    public RestServerConfiguration {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(idlenessTimeout, "idlenessTimeout");
        Objects.requireNonNull(uploadDirectory, "uploadDirectory");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("REST port " + port + " is out of range: use 0..65535 (0 = any free port)");
        }
        if (maxContentLength <= 0) {
            throw new IllegalArgumentException("The REST max content length must be positive, not " + maxContentLength);
        }
        if (idlenessTimeout.isNegative() || idlenessTimeout.isZero()) {
            throw new IllegalArgumentException("The REST idleness timeout must be positive, not " + idlenessTimeout);
        }
    }

    /** Default limits on the given address and port. */
    public static RestServerConfiguration of(String bindAddress, int port, Path uploadDirectory) {
        return new RestServerConfiguration(bindAddress, port, DEFAULT_MAX_CONTENT_LENGTH, DEFAULT_IDLENESS_TIMEOUT,
                uploadDirectory);
    }

    /**
     * Reads the {@link RestOptions} keys; {@code defaultUploadDirectory} is used when
     * {@code web.upload.dir} is not set.
     */
    public static RestServerConfiguration fromConfiguration(Configuration configuration, Path defaultUploadDirectory) {
        long maxContentLength = configuration.get(RestOptions.SERVER_MAX_CONTENT_LENGTH).bytes();
        if (maxContentLength > Integer.MAX_VALUE) {
            throw new IllegalConfigurationException(RestOptions.SERVER_MAX_CONTENT_LENGTH.key() + " is "
                    + configuration.get(RestOptions.SERVER_MAX_CONTENT_LENGTH) + "; at most 2047m is supported");
        }
        String uploadDir = configuration.get(RestOptions.UPLOAD_DIR);
        return new RestServerConfiguration(configuration.get(RestOptions.ADDRESS), configuration.get(RestOptions.PORT),
                (int) maxContentLength, configuration.get(RestOptions.IDLENESS_TIMEOUT),
                uploadDir == null ? defaultUploadDirectory : Path.of(uploadDir));
    }
}
