package io.spindle.runtime.tasks.barrier;

/**
 * Holding back input channels during barrier alignment. A blocked channel is not read; its
 * buffers are not recycled, so a remote producer gets no credit and a local one runs out of
 * buffers: memory stays bounded while the channel waits. Implemented by the input gate.
 */
public interface ChannelBlocking {
    void blockChannel(int channelIndex);

    /** Reading resumes on every blocked channel, where it stopped. */
    void unblockAllChannels();
}
