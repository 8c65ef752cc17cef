package io.streamgen.agent.buffer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An incremental lexer that is told one character at a time and answers whether the text so far
 * ends a complete statement: every bracket closed, no string, template literal, regex literal or
 * comment open, and the line not continued by an operator, a comma or a block header.
 */
final class StatementScanner {

    private enum Mode { CODE, SLASH, LINE_COMMENT, BLOCK_COMMENT, BLOCK_COMMENT_STAR, STRING, TEMPLATE, REGEX, REGEX_CLASS, TRIPLE }

    /** Marks a `${` inside a template literal on the bracket stack. */
    private static final char TEMPLATE_EXPR = '$';

    private final Language language;
    private final Deque<Character> brackets = new ArrayDeque<>();
    private Mode mode = Mode.CODE;
    private char quote;
    private boolean escaped;
    private int quoteRun;
    private int tripleCloseRun;
    private char lastSignificant = ';';
    private boolean lastWasDollar;
    private boolean lineHasCode;

    StatementScanner(Language language) {
        this.language = language;
    }

    /** Consumes {@code c}; true when the text up to and including it is a statement boundary. */
    boolean accept(char c) {
        switch (mode) {
            case SLASH -> {
                if (c == '/') {
                    mode = Mode.LINE_COMMENT;
                    return false;
                }
                if (c == '*') {
                    mode = Mode.BLOCK_COMMENT;
                    return false;
                }
                if (slashStartsRegex()) {
                    mode = Mode.REGEX;
                    return regexChar(c);
                }
                mode = Mode.CODE;
                lastSignificant = '/';
                return code(c);
            }
            case LINE_COMMENT -> {
                if (c == '\n') {
                    mode = Mode.CODE;
                    return atBoundaryOnNewline();
                }
                return false;
            }
            case BLOCK_COMMENT -> {
                if (c == '*') {
                    mode = Mode.BLOCK_COMMENT_STAR;
                }
                return false;
            }
            case BLOCK_COMMENT_STAR -> {
                mode = c == '/' ? Mode.CODE : c == '*' ? Mode.BLOCK_COMMENT_STAR : Mode.BLOCK_COMMENT;
                return false;
            }
            case STRING -> {
                return stringChar(c);
            }
            case TRIPLE -> {
                return tripleChar(c);
            }
            case TEMPLATE -> {
                return templateChar(c);
            }
            case REGEX, REGEX_CLASS -> {
                return regexChar(c);
            }
            default -> {
                return code(c);
            }
        }
    }

    /** True when nothing is open: no bracket, string, comment or literal. */
    boolean balanced() {
        return mode == Mode.CODE && brackets.isEmpty();
    }

    private boolean code(char c) {
        if (c == '\n') {
            return atBoundaryOnNewline();
        }
        if (Character.isWhitespace(c)) {
            return false;
        }
        switch (c) {
            case '(', '[', '{' -> brackets.push(c);
            case ')', ']' -> popIfMatches(c == ')' ? '(' : '[');
            case '}' -> {
                if (!brackets.isEmpty() && brackets.peek() == TEMPLATE_EXPR) {
                    brackets.pop();
                    mode = Mode.TEMPLATE;
                    return false;
                }
                popIfMatches('{');
            }
            case '"', '\'' -> {
                // Python's triple quotes are recognised when the next quotes arrive (see stringChar)
                mode = Mode.STRING;
                quote = c;
                quoteRun = 1;
                tripleCloseRun = 0;
                escaped = false;
                lineHasCode = true;
                return false;
            }
            case '`' -> {
                if (language == Language.C_LIKE) {
                    mode = Mode.TEMPLATE;
                    lineHasCode = true;
                    return false;
                }
            }
            case '/' -> {
                if (language == Language.C_LIKE) {
                    mode = Mode.SLASH;
                    return false;
                }
            }
            case '#' -> {
                if (language == Language.PYTHON_LIKE) {
                    mode = Mode.LINE_COMMENT;
                    return false;
                }
            }
            default -> {
            }
        }
        lastSignificant = c;
        lineHasCode = true;
        // `;` ends a statement at the top level even mid-line; the rest waits for the newline
        return c == ';' && brackets.isEmpty() && language == Language.C_LIKE;
    }

    private boolean atBoundaryOnNewline() {
        boolean lineWasCode = lineHasCode;
        lineHasCode = false;
        if (!brackets.isEmpty()) {
            return false;
        }
        if (!lineWasCode) {
            return true; // blank or comment-only line
        }
        return switch (language) {
            case C_LIKE -> !continues(lastSignificant);
            case PYTHON_LIKE -> lastSignificant != ':' && lastSignificant != '\\' && lastSignificant != ',';
            case LINES -> true;
        };
    }

    /** A line ending in one of these goes on in the next line. */
    private static boolean continues(char c) {
        return "{([,.+-*/%=&|^!?:<>~".indexOf(c) >= 0;
    }

    private boolean slashStartsRegex() {
        return "(,=:[!&|?{};+-*%<>~^".indexOf(lastSignificant) >= 0 || lastSignificant == '\n';
    }

    private boolean stringChar(char c) {
        if (language == Language.PYTHON_LIKE && quoteRun > 0) {
            if (c == quote && quoteRun < 3) {
                quoteRun++;
                if (quoteRun == 3) {
                    mode = Mode.TRIPLE;
                    quoteRun = 0;
                }
                return false;
            }
            if (quoteRun == 2) {
                // '' or "" was an empty string: back to code with this character
                quoteRun = 0;
                mode = Mode.CODE;
                lastSignificant = quote;
                return code(c);
            }
            quoteRun = 0;
        }
        quoteRun = 0;
        if (escaped) {
            escaped = false;
            return false;
        }
        if (c == '\\') {
            escaped = true;
        } else if (c == quote) {
            mode = Mode.CODE;
            lastSignificant = quote;
        } else if (c == '\n') {
            // an unterminated string ends at the line: recover instead of swallowing the file
            mode = Mode.CODE;
            return atBoundaryOnNewline();
        }
        return false;
    }

    private boolean tripleChar(char c) {
        if (escaped) {
            escaped = false;
            return false;
        }
        if (c == '\\') {
            escaped = true;
            tripleCloseRun = 0;
        } else if (c == quote) {
            if (++tripleCloseRun == 3) {
                mode = Mode.CODE;
                lastSignificant = quote;
                tripleCloseRun = 0;
            }
        } else {
            tripleCloseRun = 0;
        }
        return false;
    }

    private boolean templateChar(char c) {
        if (escaped) {
            escaped = false;
            lastWasDollar = false;
            return false;
        }
        if (c == '\\') {
            escaped = true;
        } else if (c == '`') {
            mode = Mode.CODE;
            lastSignificant = '`';
        } else if (c == '{' && lastWasDollar) {
            brackets.push(TEMPLATE_EXPR);
            mode = Mode.CODE;
            lastSignificant = '{';
        }
        lastWasDollar = c == '$';
        return false;
    }

    private boolean regexChar(char c) {
        if (escaped) {
            escaped = false;
            return false;
        }
        if (c == '\\') {
            escaped = true;
        } else if (mode == Mode.REGEX_CLASS) {
            if (c == ']') {
                mode = Mode.REGEX;
            }
        } else if (c == '[') {
            mode = Mode.REGEX_CLASS;
        } else if (c == '/') {
            mode = Mode.CODE;
            lastSignificant = 'r'; // flags may follow, then division is impossible
            lineHasCode = true;
        } else if (c == '\n') {
            mode = Mode.CODE;
            return atBoundaryOnNewline();
        }
        return false;
    }

    private void popIfMatches(char open) {
        if (!brackets.isEmpty() && brackets.peek() == open) {
            brackets.pop();
        }
    }
}
