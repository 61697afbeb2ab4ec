package io.cairn.dwn.jose;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds the first place V8's {@code JSON.parse} (Node 20) rejects a text and words the SyntaxError the
 * way V8 does ("Unexpected token 'x', "…" is not valid JSON", "Expected ',' or '}' after property value
 * in JSON at position 7"…). The SDK passes such messages through as reply details, e.g. for a JWS
 * protected header that is not JSON. Iterative, so deep nesting cannot overflow the stack.
 */
public final class V8JsonErrors {
    private static final int MAX_CONTEXT = 10;

    private final String s;
    private int pos;

    private V8JsonErrors(String s) {
        this.s = s;
    }

    /** The SyntaxError message for this text, or null if JSON.parse accepts it. */
    public static String messageFor(String text) {
        return new V8JsonErrors(text).scan();
    }

    private static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private String scan() {
        try {
            document();
            return null;
        } catch (Failure f) {
            return f.getMessage();
        }
    }

    private enum Frame { ARRAY, OBJECT }

    private void document() {
        Deque<Frame> stack = new ArrayDeque<>();
        value(stack);
        while (!stack.isEmpty()) {
            skipWhitespace();
            if (stack.peek() == Frame.ARRAY) {
                if (at(',')) {
                    pos++;
                    value(stack);
                } else if (at(']')) {
                    pos++;
                    stack.pop();
                } else {
                    throw at("Expected ',' or ']' after array element");
                }
            } else {
                if (at(',')) {
                    pos++;
                    skipWhitespace();
                    if (!at('"')) throw at("Expected double-quoted property name");
                    propertyThenValue(stack, false);
                } else if (at('}')) {
                    pos++;
                    stack.pop();
                } else {
                    throw at("Expected ',' or '}' after property value");
                }
            }
        }
        skipWhitespace();
        if (pos < s.length()) throw new Failure("Unexpected non-whitespace character after JSON at position " + pos);
    }

    /** Parses one value; an opened array or object is pushed and its first member parsed. */
    private void value(Deque<Frame> stack) {
        skipWhitespace();
        if (pos >= s.length()) throw unexpectedToken();
        char c = s.charAt(pos);
        switch (c) {
            case '"' -> string();
            case '[' -> {
                pos++;
                skipWhitespace();
                if (at(']')) {
                    pos++;
                } else {
                    stack.push(Frame.ARRAY);
                    value(stack);
                }
            }
            case '{' -> {
                pos++;
                skipWhitespace();
                if (at('}')) {
                    pos++;
                } else if (at('"')) {
                    stack.push(Frame.OBJECT);
                    propertyThenValue(stack, true);
                } else {
                    throw at("Expected property name or '}'");
                }
            }
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) number();
                else throw unexpectedToken();
            }
        }
    }

    /** V8 names a missing colon only after an object's first key; after a later key its report is the generic one. */
    private void propertyThenValue(Deque<Frame> stack, boolean firstKey) {
        string();
        skipWhitespace();
        if (!at(':')) throw firstKey ? at("Expected ':' after property name") : unexpectedToken();
        pos++;
        value(stack);
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++, pos++) {
            if (pos >= s.length() || s.charAt(pos) != word.charAt(i)) throw unexpectedToken();
        }
    }

    private void string() {
        pos++; // opening quote
        while (true) {
            if (pos >= s.length()) throw at("Unterminated string");
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c < 0x20) throw at("Bad control character in string literal");
            if (c == '\\') {
                pos++;
                if (pos >= s.length()) throw unexpectedToken();
                char e = s.charAt(pos);
                if (e == 'u') {
                    pos++;
                    for (int i = 0; i < 4; i++, pos++) {
                        if (pos >= s.length() || !isHex(s.charAt(pos))) {
                            throw at("Bad Unicode escape");
                        }
                    }
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) throw at("Bad escaped character");
            }
            pos++;
        }
    }

    private void number() {
        if (at('-')) {
            pos++;
            if (!digitAt()) throw at("No number after minus sign");
        }
        if (at('0')) {
            pos++;
            if (digitAt()) throw unexpectedToken();
        } else {
            while (digitAt()) pos++;
        }
        if (at('.')) {
            pos++;
            if (!digitAt()) throw at("Unterminated fractional number");
            while (digitAt()) pos++;
        }
        if (at('e') || at('E')) {
            pos++;
            if (at('+') || at('-')) pos++;
            if (!digitAt()) throw at("Exponent part is missing a number");
            while (digitAt()) pos++;
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private boolean at(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private boolean digitAt() {
        return pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9';
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private Failure at(String message) {
        return new Failure(message + " in JSON at position " + pos);
    }

    /** V8's message for the token at the cursor when no specific expectation applies. */
    private Failure unexpectedToken() {
        if (pos >= s.length()) return new Failure("Unexpected end of JSON input");
        char c = s.charAt(pos);
        if (c == '"') return new Failure("Unexpected string in JSON at position " + pos);
        if (c == '-' || (c >= '0' && c <= '9')) return new Failure("Unexpected number in JSON at position " + pos);
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("undefined") || s.equals("[object Object]")) {
            return new Failure("\"" + s + "\" is not valid JSON");
        }
        String token = "Unexpected token '" + c + "', ";
        int length = s.length();
        if (length <= MAX_CONTEXT * 2) return new Failure(token + "\"" + s + "\" is not valid JSON");
        if (pos < MAX_CONTEXT) return new Failure(token + "\"" + s.substring(0, pos + MAX_CONTEXT) + "\"... is not valid JSON");
        if (pos < length - MAX_CONTEXT) {
            return new Failure(token + "...\"" + s.substring(pos - MAX_CONTEXT, pos + MAX_CONTEXT) + "\"... is not valid JSON");
        }
        return new Failure(token + "...\"" + s.substring(pos - MAX_CONTEXT) + "\" is not valid JSON");
    }
}
