package io.spindle.client.rest;

/**
 * The failure of a job in a cluster as the REST endpoint reports it: text, not an exception
 * object, since the user's exception class may not exist in the client. The message is the
 * failure's first line; {@link #getRemoteTrace()} is the whole report with the cluster's stack trace.
 */
public class RemoteJobException extends Exception {
    private final String remoteTrace;

    public RemoteJobException(String remoteTrace) {
        super(firstLine(remoteTrace));
        this.remoteTrace = remoteTrace;
    }

    public String getRemoteTrace() {
        return remoteTrace;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}
