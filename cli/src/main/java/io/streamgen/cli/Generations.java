package io.streamgen.cli;

import io.streamgen.schema.GenerationRequested;
import io.streamgen.schema.Intervention;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** What the CLI does with generations, through the gateway or straight on Kafka. */
public interface Generations {

    /** Submits the request; returns the generation's id. */
    String submit(GenerationRequested request) throws IOException, InterruptedException;

    /**
     * Hands the generation's events to {@code onEvent} from {@code from} until its end (or until
     * {@code timeout}). Returns its end event when it ended (the last end, when a rollback made it
     * run again), else the last event shown; null when there was nothing to show.
     */
    StreamedEvent follow(String generationId, FollowFrom from, Duration timeout, Consumer<StreamedEvent> onEvent)
            throws IOException, InterruptedException;

    /** Writes the generation's merged files under {@code out}; returns their paths. */
    List<String> writeFiles(String generationId, Path out) throws IOException, InterruptedException;

    /**
     * Pause, resume, cancel, steer, edit or roll back a generation; returns the intervention's id as
     * its InterventionApplied will carry it (the gateway gives interventions its own ids).
     */
    String intervene(Intervention intervention) throws IOException, InterruptedException;
}
