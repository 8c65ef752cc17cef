package io.streamgen.source;

/** Where a file first fails to parse (1-based line and column) and why. */
public record SyntaxProblem(int line, int column, String message) {
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
