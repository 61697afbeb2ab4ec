package io.cairn.node.dwn;

/**
 * The message Node's {@code JSON.parse} (V8, as in Node 20) throws for malformed text, which dwn-server
 * passes on as the JSON-RPC error message for a bad {@code dwn-request}. A small syntax checker walks the
 * text as V8's JsonParser does and words the first error the way V8 does: a specific expectation
 * ("Expected ',' or '}' after property value in JSON at position 7"), a number or string error, or an
 * unexpected token quoted with up to 10 characters of context on each side.
 */
final class V8JsonErrors {
    private static final int CONTEXT = 10;

    private final String text;
    private int pos;

    private V8JsonErrors(String text) {
        this.text = text;
    }

    /** V8's message for {@code text}, or null if {@code text} is valid JSON. */
    static String messageFor(String text) {
        V8JsonErrors p = new V8JsonErrors(text);
        try {
            p.skipSpace();
            p.value();
            p.skipSpace();
            if (p.pos < text.length()) throw new SyntaxError("Unexpected non-whitespace character after JSON at position " + p.pos);
            return null;
        } catch (SyntaxError e) {
            return e.getMessage();
        }
    }

    private static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    private SyntaxError at(String what) {
        return new SyntaxError(what + " in JSON at position " + pos);
    }

    /** The generic report for the character at {@code pos}: by token class, with context for other characters. */
    private SyntaxError unexpected() {
        if (pos >= text.length()) return new SyntaxError("Unexpected end of JSON input");
        char c = text.charAt(pos);
        if (c == '"') return at("Unexpected string");
        if (c == '-' || (c >= '0' && c <= '9')) return at("Unexpected number");
        String token = "Unexpected token '" + c + "', ";
        int length = text.length();
        if (length < CONTEXT * 2 + 1) return new SyntaxError(token + "\"" + text + "\" is not valid JSON");
        if (pos < CONTEXT) return new SyntaxError(token + "\"" + text.substring(0, pos + CONTEXT) + "\"... is not valid JSON");
        if (pos < length - CONTEXT) {
            return new SyntaxError(token + "...\"" + text.substring(pos - CONTEXT, pos + CONTEXT) + "\"... is not valid JSON");
        }
        return new SyntaxError(token + "...\"" + text.substring(pos - CONTEXT) + "\" is not valid JSON");
    }

    /** The specific report V8 gives when {@code expected} is not next, except at a token that has its own. */
    private SyntaxError expected(String what) {
        return at(what);
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (!atEnd()) {
            char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private void value() throws SyntaxError {
        if (atEnd()) throw unexpected();
        char c = peek();
        switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) number();
                else throw unexpected();
            }
        }
    }

    private void object() throws SyntaxError {
        pos++; // {
        skipSpace();
        if (!atEnd() && peek() == '}') {
            pos++;
            return;
        }
        if (atEnd() || peek() != '"') throw expected("Expected property name or '}'");
        boolean first = true;
        while (true) {
            string();
            skipSpace();
            // V8 names the missing colon only after an object's first key; after later keys the report is generic
            if (atEnd() || peek() != ':') throw first ? expected("Expected ':' after property name") : unexpected();
            first = false;
            pos++;
            skipSpace();
            value();
            skipSpace();
            if (!atEnd() && peek() == ',') {
                pos++;
                skipSpace();
                if (atEnd() || peek() != '"') throw expected("Expected double-quoted property name");
                continue;
            }
            if (atEnd() || peek() != '}') throw expected("Expected ',' or '}' after property value");
            pos++;
            return;
        }
    }

    private void array() throws SyntaxError {
        pos++; // [
        skipSpace();
        if (!atEnd() && peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            value();
            skipSpace();
            if (!atEnd() && peek() == ',') {
                pos++;
                skipSpace();
                continue;
            }
            if (atEnd() || peek() != ']') throw expected("Expected ',' or ']' after array element");
            pos++;
            return;
        }
    }

    private void string() throws SyntaxError {
        pos++; // opening quote
        while (true) {
            if (atEnd()) throw at("Unterminated string");
            char c = peek();
            if (c == '"') {
                pos++;
                return;
            }
            if (c < 0x20) throw at("Bad control character in string literal");
            if (c == '\\') {
                pos++;
                if (atEnd()) throw unexpected();
                char e = peek();
                if (e == 'u') {
                    pos++;
                    for (int i = 0; i < 4; i++) {
                        if (atEnd() || Character.digit(peek(), 16) < 0) throw at("Bad Unicode escape");
                        pos++;
                    }
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0) throw at("Bad escaped character");
            }
            pos++;
        }
    }

    private void literal(String word) throws SyntaxError {
        for (int i = 0; i < word.length(); i++) {
            if (atEnd() || peek() != word.charAt(i)) throw unexpected();
            pos++;
        }
    }

    private void number() throws SyntaxError {
        if (peek() == '-') {
            pos++;
            if (atEnd() || !isDigit(peek())) throw at("No number after minus sign");
        }
        if (peek() == '0') {
            pos++;
            if (!atEnd() && isDigit(peek())) throw unexpected();
        } else {
            while (!atEnd() && isDigit(peek())) pos++;
        }
        if (!atEnd() && peek() == '.') {
            pos++;
            if (atEnd() || !isDigit(peek())) throw at("Unterminated fractional number");
            while (!atEnd() && isDigit(peek())) pos++;
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            pos++;
            if (!atEnd() && (peek() == '+' || peek() == '-')) pos++;
            if (atEnd() || !isDigit(peek())) throw at("Exponent part is missing a number");
            while (!atEnd() && isDigit(peek())) pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
