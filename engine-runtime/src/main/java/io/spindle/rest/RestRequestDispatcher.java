package io.spindle.rest;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: routes each aggregated request, runs its handler and
 * writes the answer. Requests of one connection are answered one at a time and in order;
 * requests that arrive while one is being handled (pipelining) wait in a queue, and the
 * connection stops reading until the answer is out. Handlers may complete on any thread; the
 * answer is written from the channel's event loop, which owns all state here.
 */
final class RestRequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RestRequestDispatcher.class);

    private final RestRouter router;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean handling;

    RestRequestDispatcher(RestRouter router) {
        this.router = router;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (handling) {
            waiting.add(request);
            return;
        }
        dispatch(ctx, request);
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
        handling = true;
        ctx.channel().config().setAutoRead(false);
        if (!request.decoderResult().isSuccess()) {
            String reason = String.valueOf(request.decoderResult().cause());
            request.release();
            write(ctx, HttpResponses.forFailure(RestHandlerException.badRequest(
                    "Malformed HTTP request: " + reason)), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletableFuture<RestResponse> answer;
        try {
            answer = route(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> request.release())
                .handle((response, failure) -> {
                    if (failure != null) {
                        return HttpResponses.forFailure(failure);
                    }
                    return response != null ? response
                            : HttpResponses.forFailure(new IllegalStateException("The handler gave no response"));
                })
                .thenAccept(response -> ctx.executor().execute(() -> write(ctx, response, keepAlive)));
    }

    private CompletableFuture<RestResponse> route(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        RestRouter.Match match = router.match(request.method(), uri.path());
        if (match instanceof RestRouter.Found found) {
            CompletableFuture<RestResponse> answer = found.handler()
                    .handle(new RestRequest(request, found.pathParameters(), uri.parameters()));
            return answer != null ? answer
                    : CompletableFuture.failedFuture(new IllegalStateException("The handler gave no response"));
        }
        if (match instanceof RestRouter.MethodNotAllowed notAllowed) {
            String allow = notAllowed.allowed().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
            return CompletableFuture.failedFuture(RestHandlerException.methodNotAllowed(
                    request.method() + " is not allowed on " + uri.path() + "; allowed: " + allow, allow));
        }
        return CompletableFuture.failedFuture(new RestHandlerException(HttpResponseStatus.NOT_FOUND,
                "No REST endpoint for " + request.method() + " " + uri.path() + "; see docs/rest-api.md for the routes"));
    }

    private void write(ChannelHandlerContext ctx, RestResponse response, boolean keepAlive) {
        FullHttpResponse http = HttpResponses.json(response.status(), response.body(), keepAlive);
        response.headers().forEach(http.headers()::set);
        ctx.writeAndFlush(http).addListener(future -> {
            if (response.afterSent() != null) {
                response.afterSent().run();
            }
            if (!keepAlive || !future.isSuccess()) {
                ctx.close();
                return;
            }
            handling = false;
            FullHttpRequest next = waiting.poll();
            if (next != null) {
                dispatch(ctx, next);
            } else {
                ctx.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            request.release();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("REST connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
