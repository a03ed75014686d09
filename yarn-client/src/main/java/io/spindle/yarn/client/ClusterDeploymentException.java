package io.spindle.yarn.client;

/**
 * A deployment, retrieval or kill of a YARN cluster failed; the message says what is wrong and
 * what to do about it. When a deployment fails, nothing of it is left behind.
 */
public class ClusterDeploymentException extends Exception {
    public ClusterDeploymentException(String message) {
        super(message);
    }

    public ClusterDeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
