package io.spindle.rest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits between the HTTP codec and the aggregator of one connection (with a
 * {@link #rawBytesObserver} before the codec) and protects the endpoint
 * from clients that are idle, slow or send too much.
 *
 * <ul>
 *   <li>An idle event (nothing read or written for the idleness timeout) closes the connection:
 *       with a 408 when a request had started but not finished, silently between requests. A
 *       connection waiting for its handler's answer is left alone.
 *   <li>A request whose declared Content-Length is over the limit is answered with 413 before its
 *       body is read; the aggregator reports bodies that grow over the limit the same way.
 * </ul>
 *
 * After a 413 the connection is half-closed: the answer is followed by FIN so that the client
 * reads it, and the rest of the client's body is discarded until it ends, the client closes or
 * the idleness timeout fires. Closing at once would make the kernel reset the connection over
 * unread data, and many clients would then lose the 413. All state is confined to the channel's
 * event loop.
 */
final class ConnectionGuard extends ChannelDuplexHandler {
    private final long maxContentLength;
    private boolean readingRequest;
    private int requestsAwaitingResponse;
    private boolean discardingAfterRejection;

    ConnectionGuard(long maxContentLength) {
        this.maxContentLength = maxContentLength;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discardingAfterRejection) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                ctx.close();
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            readingRequest = true;
            // A request the codec could not parse goes on to the dispatcher, which answers 400.
            if (request.decoderResult().isSuccess() && HttpUtil.getContentLength(request, -1L) > maxContentLength) {
                ReferenceCountUtil.release(msg);
                rejectOversized(ctx, HttpUtil.is100ContinueExpected(request) || msg instanceof LastHttpContent);
                return;
            }
        }
        if (msg instanceof LastHttpContent) {
            readingRequest = false;
            requestsAwaitingResponse++;
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * A handler to put before the HTTP codec: it sees raw bytes, so a request whose head is still
     * incomplete (and thus unknown to the codec) counts as started for the 408 answer.
     */
    ChannelInboundHandlerAdapter rawBytesObserver() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    readingRequest = true;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL
                && requestsAwaitingResponse > 0) {
            requestsAwaitingResponse--;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (discardingAfterRejection) {
            ctx.close();
        } else if (readingRequest) {
            readingRequest = false;
            ctx.writeAndFlush(HttpResponses.error(HttpResponseStatus.REQUEST_TIMEOUT,
                    "The request was not completed within the idleness timeout (rest.idleness-timeout); the"
                            + " connection is closed. Send the whole request without pausing.", false))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (requestsAwaitingResponse == 0) {
            ctx.close();
        }
    }

    /**
     * Answers 413 for the request being read and discards the rest of it; {@code closeNow} when
     * no body will follow (a full message, or a client waiting for 100-continue).
     */
    void rejectOversized(ChannelHandlerContext ctx, boolean closeNow) {
        readingRequest = false;
        discardingAfterRejection = true;
        ctx.writeAndFlush(HttpResponses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than the limit of " + maxContentLength
                        + " bytes (rest.server.max-content-length); send a smaller file or raise the limit.", false))
                .addListener(future -> {
                    if (closeNow || !(ctx.channel() instanceof SocketChannel socket)) {
                        ctx.close();
                    } else {
                        socket.shutdownOutput();
                    }
                });
    }
}
