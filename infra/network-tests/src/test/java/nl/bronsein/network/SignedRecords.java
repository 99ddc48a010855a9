package nl.bronsein.network;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import nl.bronsein.devpki.NodeCredentials;
import nl.bronsein.runtime.notification.NotificationSigner;

/**
 * A record altered by a test, signed again as the participant its {@code ce_source} names, with that participant's
 * own key: what the source's node itself would have sent. The forging tests need it to prove what the other checks do
 * with a record its source really signed (a source that is wrong, not a stranger posing as it); a record that is no
 * CloudEvent, or names no participant of the network, is sent as it is.
 */
final class SignedRecords {

    private SignedRecords() {
    }

    static ProducerRecord<String, byte[]> asItsSource(TestNetwork network, ProducerRecord<String, byte[]> record) {
        Header source = record.headers().lastHeader("ce_source");
        Optional<Participants> owner = source == null ? Optional.empty() : Arrays.stream(Participants.values())
                .filter(p -> p.urn.equals(new String(source.value(), StandardCharsets.UTF_8))).findFirst();
        if (owner.isEmpty() || !network.credentials.containsKey(owner.get())) {
            return record;
        }
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
        } catch (RuntimeException e) {
            return record;
        }
        NodeCredentials credentials = network.credentials.get(owner.get());
        CloudEvent signed = new NotificationSigner(credentials.privateKey(), credentials.certificate())
                .sign(event, record.topic());
        return KafkaMessageFactory.createWriter(record.topic(), record.partition(), record.timestamp(), record.key())
                .writeBinary(signed);
    }
}
