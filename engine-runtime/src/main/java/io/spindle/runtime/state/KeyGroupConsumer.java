package io.spindle.runtime.state;

import java.io.IOException;

/**
 * Receives the serialized bytes of one key group, from a snapshot being written or a checkpoint
 * being read. The bytes are only valid during the call: the buffer is reused for the next key group.
 */
@FunctionalInterface
public interface KeyGroupConsumer {
    void accept(int keyGroup, byte[] bytes, int offset, int length) throws IOException;
}
