package nl.bronsein.benchmark;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The garbage collector's stop-the-world pauses while a figure is taken. The broker, the nodes, H2 and the driver
 * share this JVM, so each pause stops all of them at once: a latency that spikes with a pause is this JVM's, which a
 * deployment with a process per node and broker would spread out. The collectors' own notifications give each
 * collection's duration; G1's young and mixed collections (and a full one, should it happen) are pauses as a whole.
 * G1's remark and cleanup pauses, usually a few milliseconds, are not reported by Java 17 and not counted.
 */
final class GcPauses implements AutoCloseable {

    private final List<Long> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    private GcPauses() {
    }

    static GcPauses record() {
        GcPauses recorder = new GcPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(recorder.listener, null, null);
                recorder.emitters.add(emitter);
            }
        }
        return recorder;
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (isConcurrent(info.getGcName())) {
            return;
        }
        synchronized (pauses) {
            pauses.add(info.getGcInfo().getDuration() * 1_000_000L);
        }
    }

    /**
     * A collector that reports whole concurrent cycles, which run beside the application: ZGC's and Shenandoah's
     * "Cycles" (their pauses come as "Pauses"), G1's "Concurrent GC" on newer JDKs.
     */
    static boolean isConcurrent(String collector) {
        return collector.endsWith("Cycles") || collector.contains("Concurrent");
    }

    /** The pauses so far, in nanoseconds (the collectors report whole milliseconds). */
    Percentiles percentiles() {
        synchronized (pauses) {
            return Percentiles.of(pauses.stream().mapToLong(Long::longValue).toArray());
        }
    }

    long totalMillis() {
        synchronized (pauses) {
            return pauses.stream().mapToLong(Long::longValue).sum() / 1_000_000L;
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException gone) {
                // nothing to remove
            }
        }
    }
}
