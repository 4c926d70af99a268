package com.lexrule.audit;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Reads the objection a re-assessment answers from the query or a header of an assessment call. */
public class ObjectionLinkFilter {
    static final String QUERY = "objectionId";
    static final String HEADER = "X-Objection-Id";

    private final ObjectionLink link;

    public ObjectionLinkFilter(ObjectionLink link) {
        this.link = link;
    }

    @ServerRequestFilter
    public void read(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/v1/assessments/")) {
            return;
        }
        String id = request.getUriInfo().getQueryParameters().getFirst(QUERY);
        if (id == null || id.isBlank()) {
            id = request.getHeaderString(HEADER);
        }
        if (id != null && !id.isBlank()) {
            link.set(id.trim());
        }
    }
}
