package io.spindle.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RestRouterTest {
    private final RestHandler overview = request -> CompletableFuture.completedFuture(null);
    private final RestHandler details = request -> CompletableFuture.completedFuture(null);
    private final RestHandler cancel = request -> CompletableFuture.completedFuture(null);
    private final RestRouter router = new RestRouter()
            .add(HttpMethod.GET, "/jobs/{jobid}", details)
            .add(HttpMethod.GET, "/jobs/overview", overview)
            .add(HttpMethod.PATCH, "/jobs/{jobid}", cancel);

    @Test
    void literalSegmentBeatsParameterWhateverTheOrderOfRegistration() {
        assertThat(router.match(HttpMethod.GET, "/jobs/overview"))
                .isEqualTo(new RestRouter.Found(overview, java.util.Map.of()));
    }

    @Test
    void parametersAreDecodedAndTrailingSlashesIgnored() {
        assertThat(router.match(HttpMethod.GET, "/jobs/a%20b/"))
                .isEqualTo(new RestRouter.Found(details, java.util.Map.of("jobid", "a b")));
    }

    @Test
    void knownPathWithOtherMethodListsTheAllowedOnes() {
        assertThat(router.match(HttpMethod.DELETE, "/jobs/abc")).isInstanceOfSatisfying(
                RestRouter.MethodNotAllowed.class,
                notAllowed -> assertThat(notAllowed.allowed()).containsExactly(HttpMethod.GET, HttpMethod.PATCH));
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(router.match(HttpMethod.GET, "/jobs")).isInstanceOf(RestRouter.NotFound.class);
        assertThat(router.match(HttpMethod.GET, "/jobs/abc/vertices")).isInstanceOf(RestRouter.NotFound.class);
    }
}
