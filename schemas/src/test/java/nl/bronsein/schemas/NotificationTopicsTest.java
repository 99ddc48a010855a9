package nl.bronsein.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationTopicsTest {

    @Test
    void anInboxIsNamedByRoleAndParticipantAndReadsBack() {
        String topic = NotificationTopics.inbox("MUNICIPALITY", "urn:nld:oin:00000001001234567000");
        assertThat(topic).isEqualTo("bronsein.inbox.municipality.oin.00000001001234567000");
        assertThat(topic).startsWith(NotificationTopics.inboxPrefix("MUNICIPALITY"));
        assertThat(NotificationTopics.recipientOf(topic)).contains("urn:nld:oin:00000001001234567000");
        assertThat(NotificationTopics.recipientOf(NotificationTopics.inbox("GP_PRACTICE", "urn:nld:kvk:12345678")))
                .contains("urn:nld:kvk:12345678");
        // a topic name Kafka accepts: letters, digits, '.', '_', '-' only
        assertThat(topic).matches("[a-zA-Z0-9._-]+");
    }

    @Test
    void otherTopicsNameNoRecipient() {
        assertThat(NotificationTopics.recipientOf("bronsein.generic.contact-point")).isEmpty();
        assertThat(NotificationTopics.recipientOf("bronsein.inbox.stranger.kvk.12345678")).isEmpty();
        assertThat(NotificationTopics.recipientOf("bronsein.inbox.provider.kvk.1234567")).isEmpty();
        assertThat(NotificationTopics.recipientOf(null)).isEmpty();
    }

    @Test
    void onlyContactPointsAndCatalogueServicesAreGeneric() {
        assertThat(NotificationTopics.genericTopics())
                .containsExactly("bronsein.generic.contact-point", "bronsein.generic.service");
        assertThatThrownBy(() -> NotificationTopics.generic(SharedObjectType.CASE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRolePublishesContactPointsAndOnlyMunicipalitiesPublishACatalogue() {
        for (String role : new String[] {"GP_PRACTICE", "MUNICIPALITY", "PROVIDER"}) {
            assertThat(NotificationTopics.mayPublish(role, SharedObjectType.CONTACT_POINT)).as(role).isTrue();
            assertThat(NotificationTopics.mayPublish(role, SharedObjectType.SERVICE)).as(role)
                    .isEqualTo(role.equals("MUNICIPALITY"));
        }
        assertThat(NotificationTopics.mayPublish("STRANGER", SharedObjectType.CONTACT_POINT)).isFalse();
        assertThatThrownBy(() -> NotificationTopics.mayPublish("MUNICIPALITY", SharedObjectType.CASE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolesAddressOtherRolesOnly() {
        for (String role : new String[] {"GP_PRACTICE", "MUNICIPALITY", "PROVIDER"}) {
            assertThat(NotificationTopics.addressableRoles(role)).hasSize(2).doesNotContain(role);
        }
        assertThatThrownBy(() -> NotificationTopics.inbox("MUNICIPALITY", "urn:nld:kvk:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotificationTopics.inboxPrefix("NOBODY")).isInstanceOf(IllegalArgumentException.class);
    }
}
