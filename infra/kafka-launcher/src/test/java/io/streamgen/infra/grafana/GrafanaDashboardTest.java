package io.streamgen.infra.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * infra/grafana/streamgen.json charts only series the services export: every metric an expression
 * names is one of the meters below as Prometheus renders it, and every meter below is still
 * registered by that name somewhere in the services' sources (a renamed meter fails here, not on a
 * dashboard that silently goes blank).
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("..", "grafana", "streamgen.json");
    static final Path SERVICES = Path.of("..", "..", "services");
    private static final Pattern SERIES = Pattern.compile("\\bstreamgen_[a-z0-9_]+");

    enum Kind { COUNTER, TIMER, GAUGE, SUMMARY }

    /** A Micrometer meter and the series Prometheus makes of it (dots to underscores, unit and type suffixes). */
    record Meter(String name, Kind kind, String baseUnit) {

        Meter(String name, Kind kind) {
            this(name, kind, kind == Kind.TIMER ? "seconds" : null);
        }

        Set<String> series() {
            String base = name.replace('.', '_') + (baseUnit == null ? "" : "_" + baseUnit);
            return switch (kind) {
                case COUNTER -> Set.of(base + "_total");
                case GAUGE -> Set.of(base);
                // with percentiles: base{quantile=…}, and always _count, _sum, _max
                case TIMER, SUMMARY -> Set.of(base, base + "_count", base + "_sum", base + "_max");
            };
        }
    }

    static final List<Meter> METERS = List.of(
            // agent-core MicrometerAgentMetrics
            new Meter("streamgen.agent.tokens", Kind.COUNTER), new Meter("streamgen.agent.chunks", Kind.COUNTER),
            new Meter("streamgen.agent.flush.tokens", Kind.SUMMARY, null),
            new Meter("streamgen.agent.buffer.cap.hits", Kind.COUNTER),
            new Meter("streamgen.agent.time.to.first.token", Kind.TIMER),
            new Meter("streamgen.agent.tokens.per.second", Kind.GAUGE), new Meter("streamgen.agent.tasks", Kind.COUNTER),
            new Meter("streamgen.agent.prompt.tokens", Kind.COUNTER),
            new Meter("streamgen.agent.prompt.tokens.saved", Kind.COUNTER),
            new Meter("streamgen.agent.cache.lookups", Kind.COUNTER),
            // coordinator engine Metrics and AnalyticsMetrics
            new Meter("streamgen.coordinator.unparsable.files", Kind.COUNTER),
            new Meter("streamgen.coordinator.generation.tokens", Kind.COUNTER),
            new Meter("streamgen.coordinator.generation.prompt.tokens", Kind.COUNTER),
            new Meter("streamgen.coordinator.generation.cost", Kind.COUNTER),
            new Meter("streamgen.coordinator.generations", Kind.COUNTER),
            new Meter("streamgen.coordinator.generation.duration", Kind.TIMER),
            new Meter("streamgen.coordinator.phase.duration", Kind.TIMER),
            new Meter("streamgen.coordinator.time.to.first.token", Kind.TIMER),
            new Meter("streamgen.coordinator.conflicts", Kind.COUNTER),
            new Meter("streamgen.coordinator.retries", Kind.COUNTER),
            new Meter("streamgen.coordinator.cache.hits", Kind.COUNTER),
            new Meter("streamgen.coordinator.model.changes", Kind.COUNTER),
            new Meter("streamgen.coordinator.prompt.tokens.saved", Kind.COUNTER),
            // gateway GatewayMetrics and ClientLimits
            new Meter("streamgen.gateway.clients", Kind.GAUGE),
            new Meter("streamgen.gateway.events.sent", Kind.COUNTER),
            new Meter("streamgen.gateway.events.coalesced", Kind.COUNTER),
            new Meter("streamgen.gateway.events.dropped.to.snapshot", Kind.COUNTER),
            new Meter("streamgen.gateway.clients.dropped", Kind.COUNTER),
            new Meter("streamgen.gateway.event.lag", Kind.SUMMARY, "milliseconds"),
            new Meter("streamgen.gateway.limits.refused", Kind.COUNTER));

    @Test
    void givenTheDashboard_thenEveryExpressionNamesOnlySeriesTheServicesExport() throws IOException {
        Set<String> exported = new TreeSet<>();
        METERS.forEach(m -> exported.addAll(m.series()));
        List<String> expressions = expressions(new ObjectMapper().readTree(DASHBOARD.toFile()));

        assertThat(expressions).as("the dashboard's queries").hasSizeGreaterThan(20);
        Set<String> named = new TreeSet<>();
        for (String expression : expressions) {
            Matcher series = SERIES.matcher(expression);
            boolean any = false;
            while (series.find()) {
                any = true;
                named.add(series.group());
                assertThat(exported).as("a series in: " + expression).contains(series.group());
            }
            assertThat(any).as("names a streamgen series: " + expression).isTrue();
        }
        for (String service : List.of("streamgen_agent_", "streamgen_coordinator_", "streamgen_gateway_")) {
            assertThat(named).as("something of every service").anyMatch(n -> n.startsWith(service));
        }
    }

    @Test
    void givenTheMetersListedHere_thenEachIsStillRegisteredByThatNameInTheServices() throws IOException {
        String sources = sources();
        for (Meter meter : METERS) {
            assertThat(sources).as(meter.name() + " in services/*/src/main/java").contains("\"" + meter.name() + "\"");
        }
    }

    private static List<String> expressions(JsonNode dashboard) {
        List<String> found = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                found.add(target.path("expr").asText());
            }
            found.addAll(expressions(panel)); // a collapsed row keeps its panels inside
        }
        return found;
    }

    private static String sources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(SERVICES)) {
            files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("src" + java.io.File.separator
                    + "main")).forEach(p -> {
                        try {
                            all.append(Files.readString(p)).append('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
        return all.toString();
    }
}
