package com.lexrule.events;

/** What one attempt came to: delivered, or why not (the receiver's HTTP status where it answered). */
record Outcome(boolean delivered, Integer status, String error) {

    static Outcome delivered(Integer status) {
        return new Outcome(true, status, null);
    }

    static Outcome failed(Integer status, String error) {
        return new Outcome(false, status, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error);
    }
}
