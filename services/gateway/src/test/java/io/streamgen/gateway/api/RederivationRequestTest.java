package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamgen.schema.Flags;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.MergeStrategy;
import io.streamgen.schema.Phase;
import io.streamgen.schema.event.GenerationStarted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RequestValidator#rederivation}: the request a re-derivation publishes, or the 400 problem it answers. */
class RederivationRequestTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");

    private final RequestValidator validator = new RequestValidator();

    private static GenerationStarted source() {
        return GenerationStarted.newBuilder().setPrompt("a todo app").setTargetStack("javascript-node")
                .setFlags(Flags.newBuilder().setTest(true).build()).setMergeStrategy(MergeStrategy.PHASE_PRIORITY)
                .setPhases(List.of(Phase.SKELETON)).setRequestedBy("ada").setRequestedAt(AT).build();
    }

    @Test
    void shouldRunTheSourcesRequestAgainWithAnotherStrategyAndNoCache() {
        GenerationRequested request = validator.rederivation("gen-source", source(),
                new RederiveBody("three-way", null, null), "bob", AT.plusSeconds(60));

        assertThat(request.getGenerationId()).isNotEqualTo("gen-source");
        assertThat(request.getMergeStrategy()).isEqualTo(MergeStrategy.THREE_WAY);
        assertThat(request.getPrompt()).isEqualTo("a todo app");
        assertThat(request.getFlags().getTest()).isTrue();
        assertThat(request.getCache()).isFalse();
        assertThat(request.getDerivedFrom().getSourceGenerationId()).isEqualTo("gen-source");
        assertThat(request.getDerivedFrom().getSourceStartedAtMillis()).isEqualTo(AT.toEpochMilli());
    }

    @Test
    void shouldRefuseTheSourcesOwnIdForTheNewGeneration() {
        // its chunks would land under the source's key, among the very chunks it replays
        assertThatThrownBy(() -> validator.rederivation("gen-source", source(),
                new RederiveBody(null, null, "gen-source"), "bob", AT))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("generationId");
                });
    }

    @Test
    void shouldRefuseAnUnknownStrategyAndACheckpointBelowOne() {
        assertThatThrownBy(() -> validator.rederivation("gen-source", source(), new RederiveBody("coin-toss", 0, null),
                "bob", AT)).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors())
                .extracting(Problem.FieldError::field).containsExactlyInAnyOrder("mergeStrategy", "fromCheckpoint"));
    }

    @Test
    void shouldCarryTheCheckpointToStartFrom() {
        GenerationRequested request = validator.rederivation("gen-source", source(), new RederiveBody(null, 2, null),
                "bob", AT.plusSeconds(60));

        assertThat(request.getDerivedFrom().getFromCheckpoint()).isEqualTo(2);
        assertThat(request.getDerivedFrom().getSourceGenerationId()).isEqualTo("gen-source");
        assertThat(request.getMergeStrategy()).as("the source's by default").isEqualTo(MergeStrategy.PHASE_PRIORITY);
    }

    @Test
    void shouldStartFromTheBeginningWithoutACheckpoint() {
        GenerationRequested request = validator.rederivation("gen-source", source(), new RederiveBody(null, null, null),
                "bob", AT);

        assertThat(request.getDerivedFrom().getFromCheckpoint()).isNull();
    }
}
