package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamgen.gateway.auth.FrontDoor;
import io.streamgen.gateway.limits.ClientLimits;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A client at its limit of generations in flight is refused a re-derivation before the gateway reads
 * anything: finding the source reads the events topic (up to its whole replay window for an id
 * that names no time) on the pool that also serves every client's catch-up.
 */
class RederiveLimitTest {

    @Test
    void shouldRefuseAClientAtItsLimitBeforeReadingTheSource() throws Exception {
        Constructor<ClientLimits> make = ClientLimits.class.getDeclaredConstructor(int.class, int.class, int.class,
                LongSupplier.class, Predicate.class, MeterRegistry.class);
        make.setAccessible(true); // the limits' own test constructor: one generation in flight per client
        Predicate<String> neverEnded = id -> false;
        ClientLimits limits = make.newInstance(0, 0, 1, (LongSupplier) System::nanoTime, neverEnded, new SimpleMeterRegistry());
        limits.started("client-1", "gen-running");
        RoutingContext rc = (RoutingContext) Proxy.newProxyInstance(RoutingContext.class.getClassLoader(),
                new Class<?>[] {RoutingContext.class}, (proxy, method, args) ->
                        method.getName().equals("get") && FrontDoor.CLIENT.equals(args[0]) ? "client-1" : null);
        RederiveResource resource = new RederiveResource();
        resource.limits = limits; // no hub and no history readers: reaching them fails the test

        var response = resource.rederive("gen-old-source", null, null, rc);

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
    }

    @Test
    void shouldAnswerABadRequestWithA400BeforeReadingTheSource() {
        RederiveResource resource = new RederiveResource(); // no limits, hub or readers: reaching them fails the test

        assertThatThrownBy(() -> resource.rederive("gen-old-source", new RederiveBody("coin-toss", null, null), null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("mergeStrategy");
                });
    }
}
