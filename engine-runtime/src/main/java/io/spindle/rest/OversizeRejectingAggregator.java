package io.spindle.rest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/**
 * Aggregates a request into one message and, when a body without a declared length grows over
 * the limit, lets the {@link ConnectionGuard} answer with a JSON 413 instead of Netty's empty
 * one. Declared lengths over the limit never get here: the guard rejects them first.
 */
final class OversizeRejectingAggregator extends HttpObjectAggregator {
    private final ConnectionGuard guard;

    OversizeRejectingAggregator(int maxContentLength, ConnectionGuard guard) {
        super(maxContentLength);
        this.guard = guard;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        guard.rejectOversized(ctx, false);
    }
}
