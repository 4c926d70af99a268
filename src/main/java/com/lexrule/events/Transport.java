package com.lexrule.events;

/** How a subscription's events travel: an HTTP POST to a URL, or an AMQP 1.0 message to an address on the broker. */
public enum Transport { WEBHOOK, AMQP }
