package io.streamgen.agent.model;

import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;

/**
 * A handler that also hears what an {@link EnsembleStreamingChatModel} does before it forwards
 * anything: a first-valid ensemble sends no token until one member's whole answer is in, so the
 * caller needs a handle to cancel every member, a sign of life for its deadlines, and the winner.
 */
public interface EnsembleHandler extends StreamingChatResponseHandler {

    /** The call started; cancelling this handle cancels every member and closes their streams. */
    default void onEnsembleStarted(StreamingHandle handle) {
    }

    /** Some member is streaming, though nothing is forwarded yet: the call is alive. */
    default void onEnsembleProgress() {
    }

    /** The ensemble chose; called before the winner's first forwarded token. */
    default void onEnsembleDecision(EnsembleDecision decision) {
    }
}
