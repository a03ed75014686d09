package io.spindle.runtime.state;

import java.io.IOException;

/** Receives the serialized bytes of one key group, from a snapshot being written or a checkpoint being read. */
@FunctionalInterface
public interface KeyGroupConsumer {
    void accept(int keyGroup, byte[] bytes, int offset, int length) throws IOException;
}
