package io.streamgen.gateway.publish;

import io.streamgen.messaging.KafkaSend;
import io.streamgen.gateway.hub.GenerationStarts;
import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Produces requests and interventions, keyed by generation id, acknowledged by Kafka. */
@ApplicationScoped
public class GenerationPublisher {

    @Inject
    @Channel("requests")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<GenerationRequested> requests;

    @Inject
    @Channel("control")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<Intervention> control;

    @Inject
    GenerationStarts starts;

    public CompletionStage<Void> request(GenerationRequested request) {
        starts.remember(request.getGenerationId(), request.getRequestedAt().toEpochMilli());
        return KafkaSend.keyed(requests, request.getGenerationId(), request);
    }

    public CompletionStage<Void> intervene(Intervention intervention) {
        return KafkaSend.keyed(control, intervention.getGenerationId(), intervention);
    }
}
