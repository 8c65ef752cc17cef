package io.streamgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayGenerationsTest {

    @Test
    void shouldReadServerSentEventFramesSkippingCommentsAndRetry() {
        List<String> stream = List.of("retry: 2000", ": connected", "",
                "id: 3-17", "event: phase-changed", "data: {\"type\":\"phase-changed\",\"progress\":0.25,", "data: \"payload\":{\"phase\":\"FEATURES\"}}", "",
                ": keep-alive", "",
                "event: lagged", "data: {\"type\":\"lagged\"}", "",
                "id: 3-18", "event: generation-completed", "data: {\"type\":\"generation-completed\"}", "");

        List<StreamedEvent> events = new ArrayList<>();
        GatewayGenerations.events(stream.iterator()).forEachRemaining(events::add);

        assertThat(events).extracting(StreamedEvent::id).containsExactly("3-17", null, "3-18");
        assertThat(events).extracting(StreamedEvent::type)
                .containsExactly("phase-changed", "lagged", "generation-completed");
        assertThat(events.get(0).json().path("payload").path("phase").asText()).isEqualTo("FEATURES");
        assertThat(events.get(2).ends()).isTrue();
    }

    @Test
    void givenNoGatewayEver_whenFollowing_thenItSaysSoInWordsAtOnce() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var gateway = new GatewayGenerations(java.net.URI.create("http://127.0.0.1:" + port));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> gateway.follow("g1", new FollowFrom.Beginning(),
                        java.time.Duration.ofSeconds(20), e -> { }))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("cannot connect to the gateway at http://127.0.0.1:" + port);
    }

    @Test
    void givenTheArchive_whenWritten_thenItsFilesLandRightUnderOutAndNothingOutsideIt(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path out) throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/generations/", exchange -> {
            var bytes = new java.io.ByteArrayOutputStream();
            try (var zip = new java.util.zip.ZipOutputStream(bytes)) {
                boolean evil = exchange.getRequestURI().getPath().contains("/evil/");
                String id = evil ? "evil" : "g1";
                for (String name : evil ? List.of(id + "/../../escape.txt", id + "/ok.js", "/etc/passwd", id + "/./x.js")
                        : List.of(id + "/package.json", id + "/src/a.js")) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(name));
                    zip.write(("// " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
            exchange.sendResponseHeaders(200, bytes.size());
            exchange.getResponseBody().write(bytes.toByteArray());
            exchange.close();
        });
        server.start();
        try {
            var notices = new java.io.ByteArrayOutputStream();
            var gateway = new GatewayGenerations(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    null, new java.io.PrintStream(notices, true, java.nio.charset.StandardCharsets.UTF_8));

            assertThat(gateway.writeFiles("g1", out.resolve("app"))).containsExactly("package.json", "src/a.js");
            assertThat(out.resolve("app/src/a.js")).hasContent("// g1/src/a.js");
            assertThat(gateway.writeFiles("evil", out.resolve("evil"))).as("the bad name skipped, the rest written")
                    .containsExactly("ok.js", "x.js");
            assertThat(out.resolve("escape.txt")).doesNotExist();
            assertThat(out.resolve("evil/x.js")).hasContent("// evil/./x.js");
            assertThat(notices.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(
                    "skipped the file \"../../escape.txt\": a '..' segment",
                    "skipped the file \"/etc/passwd\": an absolute path");
        } finally {
            server.stop(0);
        }
    }
}
