package io.spindle.runtime.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The input gate's floating buffers, counted rather than held: a remote channel whose producer
 * reports a backlog larger than its credit takes some and announces them as extra credit; when
 * its backlog drains it gives them back and channels still waiting are told. Thread-safe.
 */
final class FloatingCredits {

    private int available;
    private final List<RemoteInputChannel> waiting = new ArrayList<>();

    FloatingCredits(int total) {
        this.available = total;
    }

    /** Takes up to {@code wanted}; a channel that got less is told when some come back. */
    synchronized int take(int wanted, RemoteInputChannel channel) {
        int granted = Math.min(wanted, available);
        available -= granted;
        if (granted < wanted && !waiting.contains(channel)) {
            waiting.add(channel);
        }
        return granted;
    }

    void giveBack(int count) {
        List<RemoteInputChannel> toTell;
        synchronized (this) {
            available += count;
            if (waiting.isEmpty()) {
                return;
            }
            toTell = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (RemoteInputChannel channel : toTell) {
            channel.onFloatingAvailable();
        }
    }
}
