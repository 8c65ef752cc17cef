package io.streamgen.gateway.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code ?paths=} glob with the JDK's glob syntax ({@code *} within a segment, {@code **} across
 * segments, {@code ?}, {@code [a-z]}, {@code [!a]}, {@code {a,b}}, {@code \} escapes outside classes), matched in
 * time linear in the path. The JDK's own matcher is a backtracking regex: a client's
 * {@code **a**a**a…b} took seconds per event on the thread that serves every client.
 */
final class PathGlob {

    static final int MAX_LENGTH = 256;
    /** The most alternatives one glob's {@code {…}} groups multiply out to. */
    static final int MAX_ALTERNATIVES = 64;

    private enum Kind { LITERAL, ONE, CLASS, SEGMENT_STAR, ANY_STAR }

    /** One step of a glob; a class is its ranges, pairs of inclusive bounds. */
    private record Token(Kind kind, char literal, char[] ranges, boolean negated) {
        boolean star() {
            return kind == Kind.SEGMENT_STAR || kind == Kind.ANY_STAR;
        }

        boolean matches(char c) {
            return switch (kind) {
                case LITERAL -> c == literal;
                case ONE -> c != '/';
                case CLASS -> c != '/' && inRanges(c) != negated;
                case SEGMENT_STAR -> c != '/';
                case ANY_STAR -> true;
            };
        }

        private boolean inRanges(char c) {
            for (int i = 0; i < ranges.length; i += 2) {
                if (c >= ranges[i] && c <= ranges[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Token[]> alternatives;

    private PathGlob(List<Token[]> alternatives) {
        this.alternatives = alternatives;
    }

    /** The glob's size once its groups are multiplied out: what matching it costs per path character. */
    int weight() {
        return alternatives.stream().mapToInt(a -> a.length + 1).sum();
    }

    /** Throws IllegalArgumentException saying what is wrong with the glob. */
    static PathGlob compile(String glob) {
        if (glob.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a path glob has at most " + MAX_LENGTH + " characters");
        }
        List<List<Token>> expanded = new ArrayList<>(List.of(new ArrayList<>()));
        List<List<Token>> group = null; // the alternatives of an open {…}
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            // in a group, the alternative being read; outside, every alternative so far
            List<List<Token>> into = group != null ? List.of(group.get(group.size() - 1)) : expanded;
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw malformed(glob, "nothing to escape at its end");
                    }
                    add(into, literal(glob.charAt(i++)));
                }
                case '*' -> {
                    boolean any = i < glob.length() && glob.charAt(i) == '*';
                    i += any ? 1 : 0;
                    add(into, new Token(any ? Kind.ANY_STAR : Kind.SEGMENT_STAR, '\0', null, false));
                }
                case '?' -> add(into, new Token(Kind.ONE, '\0', null, false));
                case '[' -> i = characterClass(glob, i, into);
                case '{' -> {
                    if (group != null) {
                        throw malformed(glob, "groups do not nest");
                    }
                    group = new ArrayList<>(List.of(new ArrayList<>()));
                }
                case ',' -> {
                    if (group != null) {
                        group.add(new ArrayList<>());
                    } else {
                        add(into, literal(c));
                    }
                }
                case '}' -> {
                    if (group == null) {
                        add(into, literal(c));
                    } else {
                        expanded = product(expanded, group);
                        group = null;
                    }
                }
                default -> add(into, literal(c));
            }
        }
        if (group != null) {
            throw malformed(glob, "a '{' is not closed");
        }
        return new PathGlob(expanded.stream().map(a -> a.toArray(Token[]::new)).toList());
    }

    private static int characterClass(String glob, int at, List<List<Token>> into) {
        int i = at;
        boolean negated = i < glob.length() && glob.charAt(i) == '!';
        i += negated ? 1 : 0;
        List<Character> ranges = new ArrayList<>();
        boolean closed = false;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == ']') {
                closed = true;
                break;
            }
            if (c == '/') {
                throw malformed(glob, "a class cannot hold '/'");
            }
            if (i + 1 < glob.length() && glob.charAt(i) == '-' && glob.charAt(i + 1) != ']') {
                char to = glob.charAt(i + 1);
                if (to < c) {
                    throw malformed(glob, "the range " + c + "-" + to + " is backwards");
                }
                ranges.add(c);
                ranges.add(to);
                i += 2;
            } else {
                ranges.add(c);
                ranges.add(c);
            }
        }
        if (!closed) {
            throw malformed(glob, "a '[' is not closed");
        }
        if (ranges.isEmpty()) {
            throw malformed(glob, "an empty class");
        }
        char[] bounds = new char[ranges.size()];
        for (int k = 0; k < bounds.length; k++) {
            bounds[k] = ranges.get(k);
        }
        add(into, new Token(Kind.CLASS, '\0', bounds, negated));
        return i;
    }

    private static List<List<Token>> product(List<List<Token>> heads, List<List<Token>> tails) {
        if ((long) heads.size() * tails.size() > MAX_ALTERNATIVES) {
            throw new IllegalArgumentException("a path glob's {…} groups make at most " + MAX_ALTERNATIVES
                    + " alternatives");
        }
        List<List<Token>> out = new ArrayList<>();
        for (List<Token> head : heads) {
            for (List<Token> tail : tails) {
                List<Token> both = new ArrayList<>(head);
                both.addAll(tail);
                out.add(both);
            }
        }
        return out;
    }

    private static void add(List<List<Token>> alternatives, Token token) {
        alternatives.forEach(a -> a.add(token));
    }

    private static Token literal(char c) {
        return new Token(Kind.LITERAL, c, null, false);
    }

    private static IllegalArgumentException malformed(String glob, String why) {
        return new IllegalArgumentException("the path glob '" + glob + "' is malformed: " + why);
    }

    boolean matches(String path) {
        for (Token[] tokens : alternatives) {
            if (matches(tokens, path)) {
                return true;
            }
        }
        return false;
    }

    // the set of glob positions reachable after each character (an NFA run): no backtracking
    private static boolean matches(Token[] tokens, String path) {
        boolean[] at = new boolean[tokens.length + 1];
        at[0] = true;
        skipStars(tokens, at);
        for (int j = 0; j < path.length(); j++) {
            char c = path.charAt(j);
            boolean[] next = new boolean[tokens.length + 1];
            boolean any = false;
            for (int i = 0; i < tokens.length; i++) {
                if (at[i] && tokens[i].matches(c)) {
                    next[tokens[i].star() ? i : i + 1] = true;
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
            skipStars(tokens, next);
            at = next;
        }
        return at[tokens.length];
    }

    // a star may match nothing: whatever reaches it reaches the step after it
    private static void skipStars(Token[] tokens, boolean[] at) {
        for (int i = 0; i < tokens.length; i++) {
            if (at[i] && tokens[i].star()) {
                at[i + 1] = true;
            }
        }
    }
}
