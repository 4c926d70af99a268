package com.lexrule.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.lexrule.audit.EventOutbox;
import com.lexrule.events.DeliveryView;
import com.lexrule.events.EventDelivery;
import com.lexrule.events.SubscriptionRequest;
import com.lexrule.events.SubscriptionSecret;
import com.lexrule.events.SubscriptionService;
import com.lexrule.events.SubscriptionView;
import com.lexrule.events.Transport;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ConflictProblem;
import com.lexrule.problem.ProblemException;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * 结果推送: the admins' page of the case systems' subscriptions (docs/events.md). They subscribe a case system, see each
 * subscription's deliveries and dead letters, send a dead letter again, pause or resume it, rotate its secret and
 * delete it: every action through the events' own service, with the checks the API makes, so the page and the API
 * never disagree. A secret is shown once, on the page that created or rotated it, and never again.
 */
@Path("/console/events")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class EventPages {

    private static final int DELIVERIES = 200;

    private final Pages pages;
    private final SubscriptionService subscriptions;
    private final PolicyRegistry registry;
    private final Validator validator;
    private final SecurityIdentity identity;

    public EventPages(Pages pages, SubscriptionService subscriptions, PolicyRegistry registry, Validator validator,
                      SecurityIdentity identity) {
        this.pages = pages;
        this.subscriptions = subscriptions;
        this.registry = registry;
        this.validator = validator;
        this.identity = identity;
    }

    /** A subscription in the list, with how many of its deliveries are in each state. */
    @TemplateData
    public record Listed(SubscriptionView s, String createdAt, long pending, long delivered, long dead) {
    }

    /** A delivery as the page shows it: times in the console's zone. */
    @TemplateData
    public record Shown(DeliveryView d, String createdAt, String lastAttemptAt, String nextAttemptAt, String deliveredAt,
                        boolean mayRedeliver) {
    }

    /** What the create form held, shown again with its errors. */
    @TemplateData
    public record Form(String name, String transport, String target, List<String> families, List<String> types) {
        static Form empty() {
            return new Form("", Transport.WEBHOOK.name(), "", List.of(), List.of(EventOutbox.ASSESSMENT_RECORDED));
        }
    }

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        return listPage(Form.empty(), List.of(), done, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm("csrf") String csrf, @RestForm("name") String name, @RestForm("transport") String transport,
                           @RestForm("target") String target, @RestForm("families") List<String> families,
                           @RestForm("types") List<String> types) {
        pages.verify(csrf);
        Form form = new Form(FormInput.blank(name), FormInput.blank(transport), FormInput.blank(target), families == null ? List.of() : families,
                types == null ? List.of() : types);
        List<String> errors = new ArrayList<>();
        Transport chosen = null;
        try {
            chosen = Transport.valueOf(form.transport() == null ? "" : form.transport());
        } catch (IllegalArgumentException e) {
            errors.add("transport：请选择投递方式（WEBHOOK 或 AMQP）");
        }
        SubscriptionRequest request = new SubscriptionRequest(form.name(), chosen, form.target(), form.families(), form.types(), true);
        boolean named = chosen != null;
        errors.addAll(FormInput.violations(validator, request).stream().filter(v -> named || !v.startsWith("transport")).toList());
        int status = 400;
        if (errors.isEmpty()) {
            try {
                SubscriptionSecret created = subscriptions.create(request, identity.getPrincipal().getName());
                return Response.status(201).entity(subscriptionPage(created.subscription().id(), null, List.of(), "已创建订阅",
                        created.secret())).build();
            } catch (ValidationException e) {
                errors.add(e.getMessage());
            } catch (ProblemException e) {
                status = e.status();
                errors.add(e.title() + "：" + e.getMessage());
            }
        }
        return Response.status(status).entity(listPage(form, errors, null, null)).build();
    }

    @GET
    @Path("/{id}")
    public TemplateInstance subscription(@PathParam("id") String id, @QueryParam("status") String status,
                                         @QueryParam("done") String done) {
        return subscriptionPage(id, status(status), List.of(), done, null);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redelivery")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId, @RestForm("csrf") String csrf) {
        pages.verify(csrf);
        return act(id, () -> {
            subscriptions.redeliver(id, deliveryId);
            return "已重新排队投递 " + deliveryId + "（从第一次尝试开始，事件编号不变）";
        });
    }

    @POST
    @Path("/{id}/active")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setActive(@PathParam("id") String id, @RestForm("csrf") String csrf, @RestForm("active") boolean active) {
        pages.verify(csrf);
        SubscriptionView s = subscriptions.get(id);
        return act(id, () -> {
            subscriptions.update(id, new SubscriptionRequest(s.name(), s.transport(), s.target(), s.families(), s.types(), active));
            return active ? "已恢复推送" : "已暂停推送：暂停期间的事件不会排队";
        });
    }

    @POST
    @Path("/{id}/secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rotate(@PathParam("id") String id, @RestForm("csrf") String csrf) {
        pages.verify(csrf);
        SubscriptionSecret rotated = subscriptions.rotate(id);
        return Response.ok(subscriptionPage(id, null, List.of(), "已更换签名密钥：旧密钥不再签名任何投递", rotated.secret())).build();
    }

    @POST
    @Path("/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @RestForm("csrf") String csrf) {
        pages.verify(csrf);
        SubscriptionView s = subscriptions.get(id);
        subscriptions.delete(id);
        return Response.seeOther(URI.create("/console/events?done=" + URLEncoder.encode("已删除订阅 " + s.name() + " 及其投递记录",
                StandardCharsets.UTF_8))).build();
    }

    /** Runs an action on a subscription and answers its page: with what was done, or with the service's refusal. */
    private Response act(String id, Supplier<String> action) {
        List<String> errors = new ArrayList<>();
        int status;
        try {
            String done = action.get();
            return Response.seeOther(URI.create("/console/events/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?done="
                    + URLEncoder.encode(done, StandardCharsets.UTF_8))).build();
        } catch (ConflictProblem e) {
            status = 409;
            errors.add(e.getMessage());
        } catch (ValidationException e) {
            status = 400;
            errors.add(e.getMessage());
        }
        return Response.status(status).entity(subscriptionPage(id, null, errors, null, null)).build();
    }

    private TemplateInstance listPage(Form form, List<String> errors, String done, String secret) {
        List<Listed> listed = subscriptions.list().stream().map(s -> {
            Map<EventDelivery.Status, Long> counts = subscriptions.deliveryCounts(s.id());
            return new Listed(s, Times.format(s.createdAt()), counts.get(EventDelivery.Status.PENDING),
                    counts.get(EventDelivery.Status.DELIVERED), counts.get(EventDelivery.Status.DEAD));
        }).toList();
        return pages.page("events.html", "events", "结果推送").data("subscriptions", listed).data("form", form)
                .data("families", registry.families()).data("types", EventOutbox.TYPES)
                .data("transports", List.of(Transport.values())).data("errors", errors).data("done", done);
    }

    private TemplateInstance subscriptionPage(String id, EventDelivery.Status status, List<String> errors, String done, String secret) {
        SubscriptionView s = subscriptions.get(id);
        List<Shown> deliveries = subscriptions.deliveries(id, status, DELIVERIES).stream()
                .map(d -> new Shown(d, Times.format(d.createdAt()), Times.format(d.lastAttemptAt()), Times.format(d.nextAttemptAt()),
                        Times.format(d.deliveredAt()), d.status() != EventDelivery.Status.PENDING)).toList();
        Map<EventDelivery.Status, Long> counts = subscriptions.deliveryCounts(id);
        return pages.page("subscription.html", "events", "订阅 " + s.name()).data("s", s).data("createdAt", Times.format(s.createdAt()))
                .data("rotatedAt", Times.format(s.secretRotatedAt())).data("deliveries", deliveries)
                .data("status", status == null ? "" : status.name()).data("statuses", List.of(EventDelivery.Status.values()))
                .data("pending", counts.get(EventDelivery.Status.PENDING)).data("delivered", counts.get(EventDelivery.Status.DELIVERED))
                .data("dead", counts.get(EventDelivery.Status.DEAD)).data("limit", DELIVERIES)
                .data("errors", errors).data("done", done).data("secret", secret);
    }

    private EventDelivery.Status status(String status) {
        if (status == null || status.isBlank()) return null;
        try {
            return EventDelivery.Status.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("status：须为 PENDING、DELIVERED 或 DEAD (unknown delivery state " + status + ")");
        }
    }


}
