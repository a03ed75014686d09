package io.spindle.rest;

import java.util.concurrent.CompletableFuture;

/**
 * Answers one route. Called on a Netty I/O thread: it must not block; blocking work (disk,
 * jar reading) goes to the endpoint's blocking executor and backend calls are composed as
 * futures. A thrown exception is treated like a failed future.
 */
@FunctionalInterface
interface RestHandler {
    CompletableFuture<RestResponse> handle(RestRequest request);
}
