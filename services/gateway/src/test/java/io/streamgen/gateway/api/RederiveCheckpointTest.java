package io.streamgen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link RederiveResource#checkCheckpoint}: a re-derivation from checkpoint n is published only
 * when the coordinator lists checkpoint n of the source; otherwise a problem the caller can act on.
 */
class RederiveCheckpointTest {

    private static final String TWO_CHECKPOINTS = """
            [{"checkpointId":1,"phase":"SKELETON","label":"after skeleton","createdAt":"2026-12-01T12:00:00Z","files":["a.js"]},
             {"checkpointId":2,"phase":"FEATURES","label":"after features","createdAt":"2026-12-01T12:01:00Z","files":["a.js"]}]""";

    private final List<String> asked = new ArrayList<>();

    private RederiveResource resource(Function<String, String> checkpoints) {
        RederiveResource resource = new RederiveResource();
        resource.mapper = new ObjectMapper();
        resource.coordinator = new Coordinator() {
            @Override
            public String checkpoints(String id) {
                asked.add(id);
                return checkpoints.apply(id);
            }
        };
        return resource;
    }

    @Test
    void shouldAcceptACheckpointTheCoordinatorLists() {
        assertThatCode(() -> resource(id -> TWO_CHECKPOINTS).checkCheckpoint("gen-source", 2)).doesNotThrowAnyException();
        assertThat(asked).containsExactly("gen-source");
    }

    @Test
    void shouldAnswer400NamingTheCheckpointsThereAre() {
        assertThatThrownBy(() -> resource(id -> TWO_CHECKPOINTS).checkCheckpoint("gen-source", 9))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo("fromCheckpoint");
                        assertThat(error.message()).isEqualTo("generation gen-source has no checkpoint 9 (it has [1, 2])");
                    });
                });
    }

    @Test
    void shouldAnswer400WhenTheSourceHasNoCheckpoints() {
        assertThatThrownBy(() -> resource(id -> "[]").checkCheckpoint("gen-source", 1))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().extracting(Problem.FieldError::message)
                            .isEqualTo("generation gen-source has no checkpoint 1 (it has none)");
                });
    }

    @Test
    void shouldAnswer404WhenTheCoordinatorHoldsNoStateOfTheSource() {
        assertThatThrownBy(() -> resource(id -> {
            throw new ProblemException(404, "Not Found", "not found by the coordinator");
        }).checkCheckpoint("gen-source", 1)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).contains("holds no state of generation gen-source");
        });
    }

    @Test
    void shouldAnswer502NotA500WhenTheCoordinatorAnswersNonsense() {
        assertThatThrownBy(() -> resource(id -> "<html>").checkCheckpoint("gen-source", 1))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(502));
    }
}
