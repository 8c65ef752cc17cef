package io.streamgen.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import io.streamgen.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start a gateway that listens beyond loopback with auth off, unless the operator said
 * so explicitly ({@code streamgen.gateway.auth.allow-anonymous-beyond-loopback=true}): such a
 * gateway would hand every generation, and control of it, to anyone on the network.
 */
@ApplicationScoped
public class ExposureCheck {

    private static final Logger LOG = Logger.getLogger(ExposureCheck.class);

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1")
    String host;

    void onStart(@Observes StartupEvent start, GatewayConfig config) {
        refusal(host, config.auth().enabled(), config.auth().allowAnonymousBeyondLoopback()).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (!config.auth().enabled() && !loopback(host)) {
            LOG.warnf("the gateway listens on %s with auth off, as allowed explicitly: anyone who reaches it can read"
                    + " and control every generation", host);
        }
    }

    /** Why a gateway on {@code host} must not start, if it must not. */
    static java.util.Optional<String> refusal(String host, boolean auth, boolean anonymousAllowed) {
        if (auth || loopback(host) || anonymousAllowed) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the gateway would listen on " + host + " (beyond loopback) with auth off: turn auth on"
                + " (STREAMGEN_GATEWAY_AUTH_ENABLED=true, STREAMGEN_GATEWAY_AUTH_TOKENS=…), or listen on 127.0.0.1"
                + " (QUARKUS_HTTP_HOST), or allow anonymous access explicitly"
                + " (STREAMGEN_GATEWAY_AUTH_ALLOW_ANONYMOUS_BEYOND_LOOPBACK=true)");
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
