package com.lexrule.policy;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Effective dates are dates in the agencies' time zone, not the server's. */
public class ClockProducer {
    @Produces
    @Singleton
    Clock clock(@ConfigProperty(name = "lexrule.zone", defaultValue = "Asia/Shanghai") ZoneId zone) {
        return Clock.system(zone);
    }
}
