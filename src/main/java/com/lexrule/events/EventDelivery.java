package com.lexrule.events;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event for one subscription, and how its delivery went. */
@Entity
@Table(name = "event_delivery")
public class EventDelivery extends PanacheEntityBase {

    public enum Status { PENDING, DELIVERED, DEAD }

    @Id
    public String id;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "subscription_id")
    public String subscriptionId;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    @Column(name = "last_status")
    public Integer lastStatus;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "created_at")
    public Instant createdAt;
}
