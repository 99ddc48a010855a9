package nl.bronsein.benchmark.peer;

import org.springframework.modulith.events.Externalized;

/**
 * That a referral was recorded: its id and version and nothing of its content, as Bronsein's notification (whoever needs
 * the referral asks the source for it). Externalized to {@link PeerApplication#TOPIC}, keyed by the referral's id, so
 * the versions of one referral share a partition as Bronsein's notifications of one object do.
 */
@Externalized(PeerApplication.TOPIC + "::#{#this.referralId()}")
public record ReferralRecorded(String referralId, int version) {
}
