package com.lexrule.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as officers read them: local time of the service's zone (lexrule.zone), to the second. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    static String format(Instant at) {
        if (at == null) return "";
        String zone = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("lexrule.zone", String.class)
                .orElse("Asia/Shanghai");
        return FORMAT.format(at.atZone(ZoneId.of(zone)));
    }
}
