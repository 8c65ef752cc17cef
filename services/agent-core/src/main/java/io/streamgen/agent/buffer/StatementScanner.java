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

    static final int NONE = 0;
    /** A statement may end here; the next significant character decides (JS lines may go on with `.`). */
    static final int TENTATIVE = 1;
    /** The tentative end stands. */
    static final int CONFIRMED = 2;
    /** The tentative end was not one: the statement goes on. */
    static final int WITHDRAWN = 3;
    /** A statement ends here. */
    static final int BOUNDARY = 4;

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
    private boolean tentative;

    StatementScanner(Language language) {
        this.language = language;
    }

    /** Consumes {@code c} and tells what it means for statement ends (one of the constants above). */
    int accept(char c) {
        switch (mode) {
            case SLASH -> {
                if (c == '/') {
                    mode = Mode.LINE_COMMENT;
                    return NONE;
                }
                if (c == '*') {
                    mode = Mode.BLOCK_COMMENT;
                    return NONE;
                }
                int decided = resolveTentative(!slashStartsRegex());
                if (slashStartsRegex()) {
                    mode = Mode.REGEX;
                    lineHasCode = true;
                    int after = regexChar(c);
                    return decided != NONE ? decided : after;
                }
                mode = Mode.CODE;
                lastSignificant = '/';
                lineHasCode = true;
                int after = code(c);
                return decided != NONE ? decided : after;
            }
            case LINE_COMMENT -> {
                if (c == '\n') {
                    mode = Mode.CODE;
                    return atBoundaryOnNewline();
                }
                return NONE;
            }
            case BLOCK_COMMENT -> {
                if (c == '*') {
                    mode = Mode.BLOCK_COMMENT_STAR;
                }
                return NONE;
            }
            case BLOCK_COMMENT_STAR -> {
                mode = c == '/' ? Mode.CODE : c == '*' ? Mode.BLOCK_COMMENT_STAR : Mode.BLOCK_COMMENT;
                return NONE;
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

    private int code(char c) {
        if (c == '\n') {
            return atBoundaryOnNewline();
        }
        if (Character.isWhitespace(c)) {
            return NONE;
        }
        int decided = c == '/' ? NONE : resolveTentative(continuesFromLineStart(c));
        int own = codeChar(c);
        return decided != NONE ? decided : own;
    }

    private int codeChar(char c) {
        switch (c) {
            case '(', '[', '{' -> brackets.push(c);
            case ')', ']' -> popIfMatches(c == ')' ? '(' : '[');
            case '}' -> {
                if (!brackets.isEmpty() && brackets.peek() == TEMPLATE_EXPR) {
                    brackets.pop();
                    mode = Mode.TEMPLATE;
                    return NONE;
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
                return NONE;
            }
            case '`' -> {
                if (language == Language.C_LIKE) {
                    mode = Mode.TEMPLATE;
                    lineHasCode = true;
                    return NONE;
                }
            }
            case '/' -> {
                if (language == Language.C_LIKE) {
                    mode = Mode.SLASH;
                    return NONE;
                }
            }
            case '#' -> {
                if (language == Language.PYTHON_LIKE) {
                    mode = Mode.LINE_COMMENT;
                    return NONE;
                }
            }
            default -> {
            }
        }
        lastSignificant = c;
        lineHasCode = true;
        // statements end at the newline, so that chunks end with whole lines
        return NONE;
    }

    private int atBoundaryOnNewline() {
        boolean lineWasCode = lineHasCode;
        lineHasCode = false;
        if (!brackets.isEmpty()) {
            return NONE;
        }
        if (tentative) {
            return TENTATIVE; // blank or comment lines after a possible end: the end moves here
        }
        if (!lineWasCode) {
            return BOUNDARY; // blank or comment-only line
        }
        boolean ends = switch (language) {
            case C_LIKE -> !continues(lastSignificant);
            case PYTHON_LIKE -> lastSignificant != ':' && lastSignificant != '\\' && lastSignificant != ',';
            case LINES -> true;
        };
        if (!ends) {
            return NONE;
        }
        if (language == Language.C_LIKE) {
            tentative = true;
            return TENTATIVE;
        }
        return BOUNDARY;
    }

    /** Settles a tentative end when the next line's first significant character arrives. */
    private int resolveTentative(boolean continuation) {
        if (!tentative) {
            return NONE;
        }
        tentative = false;
        return continuation ? WITHDRAWN : CONFIRMED;
    }

    /** A JavaScript line starting with one of these continues the previous one. */
    private static boolean continuesFromLineStart(char c) {
        return ".,)]?:+-*%=&|^<>".indexOf(c) >= 0;
    }

    /** A line ending in one of these goes on in the next line. */
    private static boolean continues(char c) {
        return "{([,.+-*/%=&|^!?:<>~".indexOf(c) >= 0;
    }

    private boolean slashStartsRegex() {
        return "(,=:[!&|?{};+-*%<>~^".indexOf(lastSignificant) >= 0 || lastSignificant == '\n';
    }

    private int stringChar(char c) {
        if (language == Language.PYTHON_LIKE && quoteRun > 0) {
            if (c == quote && quoteRun < 3) {
                quoteRun++;
                if (quoteRun == 3) {
                    mode = Mode.TRIPLE;
                    quoteRun = 0;
                }
                return NONE;
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
            return NONE;
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
        return NONE;
    }

    private int tripleChar(char c) {
        if (escaped) {
            escaped = false;
            return NONE;
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
        return NONE;
    }

    private int templateChar(char c) {
        if (escaped) {
            escaped = false;
            lastWasDollar = false;
            return NONE;
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
        return NONE;
    }

    private int regexChar(char c) {
        if (escaped) {
            escaped = false;
            return NONE;
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
        return NONE;
    }

    private void popIfMatches(char open) {
        if (!brackets.isEmpty() && brackets.peek() == open) {
            brackets.pop();
        }
    }
}
