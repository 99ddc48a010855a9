package nl.bronsein.runtime.copy;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.bronsein.runtime.api.NodeApi;
import nl.bronsein.runtime.inbox.ReceivedNotification;
import nl.bronsein.runtime.inbox.UnusableNotificationException;
import nl.bronsein.runtime.pull.Withdrawal;
import nl.bronsein.schemas.SharedObjectType;
import nl.bronsein.schemas.view.ObjectReferenceView;
import nl.bronsein.schemas.view.SharedView;

/**
 * Another participant's object as this node pulled it: never ours, so always kept with where it came from (owner,
 * type, id, version), when, and for which purpose — the node's record of its legal basis for holding it. Consumers may
 * not alter or forward it.
 *
 * @param withdrawal set once the owner answered a pull that the object, or the consent it rests on, was withdrawn; from
 *                   then the copy is kept as evidence only and is not pulled again
 */
@NodeApi
public record PulledCopy<T>(String owner, @JsonIgnore SharedObjectType objectType, String objectId, int version, String purpose,
                            Instant pulledAt, T content, Withdrawal withdrawal, Instant withdrawnAt) {

    /**
     * The copy of a view just pulled for a notification — after checking that it is the notified object of the notifying
     * owner: a node never keeps something under another object's name.
     *
     * @throws UnusableNotificationException when the view names another object or owner
     */
    public static <T extends SharedView> PulledCopy<T> pulledFor(ReceivedNotification notification, String purpose, T view,
                                                                  Instant pulledAt) {
        String owner = notification.source().id().urn();
        if (!notification.objectId().equals(view.objectId()) || !owner.equals(view.owner())) {
            throw OwnerAnswers.contradiction("the pulled " + notification.objectType().code()
                    + " is another object than the notification names");
        }
        return new PulledCopy<>(owner, notification.objectType(), view.objectId(), view.version(), purpose, pulledAt,
                view, null, null);
    }

    /**
     * The copy of a view just pulled by reference (the referral a pulled case names) — after checking that it is the
     * object asked for, of the owner asked.
     *
     * @throws UnusableNotificationException when the view names another object or owner
     */
    public static <T extends SharedView> PulledCopy<T> pulledFrom(ObjectReferenceView asked, String purpose, T view,
                                                                   Instant pulledAt) {
        SharedObjectType type = SharedObjectType.fromCode(asked.objectType()).orElseThrow();
        if (!asked.objectId().equals(view.objectId()) || !asked.owner().equals(view.owner())) {
            throw new UnusableNotificationException("the pulled " + type.code() + " is not the one asked for");
        }
        return new PulledCopy<>(asked.owner(), type, view.objectId(), view.version(), purpose, pulledAt, view, null, null);
    }

    /** In JSON the type is its code ({@code referral}), as in every reference, URL and topic. */
    @JsonProperty("objectType")
    public String objectTypeCode() {
        return objectType.code();
    }

    public ObjectReferenceView reference() {
        return new ObjectReferenceView(owner, objectType.code(), objectId);
    }

    public boolean withdrawn() {
        return withdrawal != null;
    }

}
