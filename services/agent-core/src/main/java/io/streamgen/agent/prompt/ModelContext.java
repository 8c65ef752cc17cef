package io.streamgen.agent.prompt;

/**
 * What one model can take in a prompt.
 *
 * @param windowTokens its context window (prompt and answer together)
 * @param answerReserveTokens the part of the window kept free for the answer
 * @param contextCapTokens the most other agents' context may use even when the window is larger
 *     (a cost bound: prompt tokens are billed)
 * @param tokenizer what the prompt is counted with
 */
public record ModelContext(String model, int windowTokens, int answerReserveTokens, int contextCapTokens,
                           ModelTokenizer tokenizer) {

    /** The fewest context tokens a prompt is given, whatever the arithmetic says: a prompt without any context is worse. */
    static final int FLOOR_TOKENS = 200;

    /** The context budget left once the fixed part of the prompt ({@code fixedTokens}) is in, times {@code share}. */
    public int contextBudget(int fixedTokens, double share) {
        long room = (long) windowTokens - answerReserveTokens - fixedTokens;
        long budget = Math.min(contextCapTokens, room);
        return (int) Math.max(FLOOR_TOKENS, budget * share);
    }
}
