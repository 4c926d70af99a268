package com.lexrule.casefile;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Whether the printed reports can be made. A wellness check, not readiness: without its font the service still
 * decides and records every assessment, and a replica should not be taken out of service for its reports.
 */
@Wellness
@ApplicationScoped
public class ReportFontCheck implements HealthCheck {

    private final ReportFont font;

    public ReportFontCheck(ReportFont font) {
        this.font = font;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("report-font").status(font.problem() == null)
                .withData("file", font.file().toString());
        return font.problem() == null ? response.build() : response.withData("problem", font.problem()).build();
    }
}
