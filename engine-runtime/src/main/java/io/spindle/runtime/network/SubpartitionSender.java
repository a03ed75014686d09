package io.spindle.runtime.network;

import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;

/**
 * Producer side of one remote input channel: sends a subpartition's buffers while the consumer
 * has credit. All methods except {@link #notifyDataAvailable()} run on the connection's event loop.
 */
final class SubpartitionSender implements SubpartitionListener {

    private final ChannelHandlerContext ctx;
    private final int receiverId;
    private final ResultSubpartition subpartition;
    private final Runnable onDone;
    private int credit;
    private boolean done;

    SubpartitionSender(ChannelHandlerContext ctx, int receiverId, ResultSubpartition subpartition, int initialCredit,
            Runnable onDone) {
        this.ctx = ctx;
        this.receiverId = receiverId;
        this.subpartition = subpartition;
        this.credit = initialCredit;
        this.onDone = onDone;
    }

    /** Producer thread: hop to the event loop; happens at most once per buffer or flush. */
    @Override
    public void notifyDataAvailable() {
        ctx.executor().execute(this::trySend);
    }

    void addCredit(int more) {
        credit += more;
        trySend();
    }

    void cancel() {
        done = true;
    }

    void trySend() {
        if (done) {
            return;
        }
        boolean wrote = false;
        try {
            while (true) {
                BufferSlice slice = subpartition.poll(credit > 0);
                if (slice == null) {
                    break;
                }
                if (slice.priority()) {
                    // Needs no credit: the consumer keeps it on the heap, ahead of its buffers.
                    ctx.write(DataProtocol.priorityEvent(ctx.alloc(), receiverId, slice.buffer().segment));
                    wrote = true;
                    continue;
                }
                ctx.write(DataProtocol.buffer(ctx.alloc(), receiverId, slice.backlog(), slice.buffer().segment,
                        slice.start(), slice.end() - slice.start()));
                slice.release();
                credit--;
                wrote = true;
            }
            if (subpartition.isConsumed()) {
                finish();
            }
        } catch (IOException e) {
            ctx.write(DataProtocol.error(ctx.alloc(), receiverId, false, DataProtocol.describe(e)));
            wrote = true;
            finish();
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void finish() {
        done = true;
        onDone.run();
    }
}
