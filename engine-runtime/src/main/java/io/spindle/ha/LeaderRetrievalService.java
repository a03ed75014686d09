package io.spindle.ha;

/** Follows the current leader (for TaskManagers and clients). */
public interface LeaderRetrievalService extends AutoCloseable {
    void start(LeaderRetrievalListener listener) throws Exception;

    @Override
    void close() throws Exception;
}
