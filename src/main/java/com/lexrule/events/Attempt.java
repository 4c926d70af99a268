package com.lexrule.events;

/** One delivery claimed for sending: everything the sender needs, read in the claim's transaction. */
record Attempt(String deliveryId, int attempt, String eventId, String eventType, Transport transport, String target,
               String secret, String body) {
}
