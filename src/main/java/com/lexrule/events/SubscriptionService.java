package com.lexrule.events;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ValidationException;

import com.lexrule.audit.EventOutbox;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.problem.ConflictProblem;
import com.lexrule.problem.NotFoundProblem;

/** Subscriptions, their secrets, and the deliveries admins read and send again. */
@ApplicationScoped
public class SubscriptionService {

    private final PolicyRegistry policies;
    private final Clock clock;

    public SubscriptionService(PolicyRegistry policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @Transactional
    public SubscriptionSecret create(SubscriptionRequest request, String by) {
        EventSubscription s = new EventSubscription();
        s.id = UUID.randomUUID().toString();
        apply(s, request);
        s.secret = Signature.newSecret();
        s.createdBy = by;
        s.createdAt = now();
        s.persist();
        return new SubscriptionSecret(SubscriptionView.of(s), s.secret);
    }

    public List<SubscriptionView> list() {
        return EventSubscription.<EventSubscription>list("order by createdAt").stream().map(SubscriptionView::of).toList();
    }

    public SubscriptionView get(String id) {
        return SubscriptionView.of(find(id));
    }

    @Transactional
    public SubscriptionView update(String id, SubscriptionRequest request) {
        EventSubscription s = find(id);
        apply(s, request);
        return SubscriptionView.of(s);
    }

    /** Deletes the subscription and its deliveries: events not yet delivered to it are not delivered. */
    @Transactional
    public void delete(String id) {
        EventSubscription s = find(id);
        EventDelivery.delete("subscriptionId", id);
        s.delete();
    }

    /** A new secret; the old one signs nothing from now on. */
    @Transactional
    public SubscriptionSecret rotate(String id) {
        EventSubscription s = find(id);
        s.secret = Signature.newSecret();
        s.secretRotatedAt = now();
        return new SubscriptionSecret(SubscriptionView.of(s), s.secret);
    }

    public List<DeliveryView> deliveries(String subscriptionId, EventDelivery.Status status, int limit) {
        find(subscriptionId);
        List<EventDelivery> rows = status == null
                ? EventDelivery.<EventDelivery>find("subscriptionId = ?1 order by createdAt desc", subscriptionId).page(0, limit).list()
                : EventDelivery.<EventDelivery>find("subscriptionId = ?1 and status = ?2 order by createdAt desc", subscriptionId,
                        status.name()).page(0, limit).list();
        Map<String, OutboxEvent> events = rows.isEmpty() ? Map.of()
                : OutboxEvent.<OutboxEvent>list("id in ?1", rows.stream().map(d -> d.eventId).toList()).stream()
                        .collect(Collectors.toMap(e -> e.id, Function.identity()));
        return rows.stream().map(d -> DeliveryView.of(d, events.get(d.eventId))).toList();
    }

    /** How many of the subscription's deliveries are in each state. */
    public Map<EventDelivery.Status, Long> deliveryCounts(String subscriptionId) {
        find(subscriptionId);
        Map<EventDelivery.Status, Long> counts = new EnumMap<>(EventDelivery.Status.class);
        for (EventDelivery.Status status : EventDelivery.Status.values()) {
            counts.put(status, EventDelivery.count("subscriptionId = ?1 and status = ?2", subscriptionId, status.name()));
        }
        return counts;
    }

    /** Queues a dead (or delivered) delivery again, from its first attempt. */
    @Transactional
    public DeliveryView redeliver(String deliveryId) {
        return redeliver(null, deliveryId);
    }

    /** The same, for a delivery that must be the subscription's (null: any subscription's). */
    @Transactional
    public DeliveryView redeliver(String subscriptionId, String deliveryId) {
        EventDelivery d = EventDelivery.findById(deliveryId);
        if (d == null || subscriptionId != null && !subscriptionId.equals(d.subscriptionId)) {
            throw new NotFoundProblem("投递 " + deliveryId + " 不存在 (no such delivery)");
        }
        if (EventDelivery.Status.PENDING.name().equals(d.status)) {
            throw new ConflictProblem("投递 " + deliveryId + " 仍在重试中 (the delivery is still being attempted)");
        }
        d.status = EventDelivery.Status.PENDING.name();
        d.attempts = 0;
        d.nextAttemptAt = now();
        d.lastError = null;
        return DeliveryView.of(d, OutboxEvent.findById(d.eventId));
    }

    private void apply(EventSubscription s, SubscriptionRequest request) {
        List<String> families = request.families() == null ? List.of() : request.families().stream().distinct().toList();
        for (int i = 0; i < families.size(); i++) {
            if (!policies.families().contains(families.get(i))) {
                throw new ValidationException("families[" + i + "]: 未知的政策族 " + families.get(i) + " (unknown family; known: "
                        + String.join(", ", policies.families()) + ")");
            }
        }
        List<String> types = request.types().stream().distinct().toList();
        for (int i = 0; i < types.size(); i++) {
            if (!EventOutbox.TYPES.contains(types.get(i))) {
                throw new ValidationException("types[" + i + "]: 未知的事件类型 " + types.get(i) + " (unknown event type; known: "
                        + String.join(", ", EventOutbox.TYPES) + ")");
            }
        }
        if (request.transport() == Transport.WEBHOOK) {
            requireUrl(request.target());
        }
        s.name = request.name().trim();
        s.transport = request.transport().name();
        s.target = request.target().trim();
        s.families = EventSubscription.join(families);
        s.eventTypes = EventSubscription.join(types);
        s.active = request.active() == null || request.active();
    }

    private static void requireUrl(String target) {
        try {
            URI uri = URI.create(target.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new ValidationException("target: 须为 http(s) 绝对地址 (a webhook target must be an absolute http or https URL)");
    }

    private EventSubscription find(String id) {
        EventSubscription s = EventSubscription.findById(id);
        if (s == null) {
            throw new NotFoundProblem("订阅 " + id + " 不存在 (no such subscription)");
        }
        return s;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
