package cn.qeregistry.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Samples heap in use and resident set size every {@value #PERIOD_MS} ms, and records the live heap
 * after each collection (GC notifications), so any time window of the run can be asked for its peaks.
 * Samples are four longs each: a night of an hour is about 72,000 of them.
 */
final class MemoryProbe implements AutoCloseable {

    static final int PERIOD_MS = 50;

    /**
     * Peaks within a window: heap in use (garbage included), heap live after a collection, RSS; and
     * the CPU time this JVM spent in it (the database server's CPU is not included).
     */
    record Peak(long heapBytes, long liveBytes, long rssBytes, double cpuSeconds) {
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Set<String> heapPools = new HashSet<>();
    private final Series samples = new Series(4);
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Series collections = new Series(2);
    private final Thread sampler;
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long live = 0;
            for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(pool.getKey())) {
                    live += pool.getValue().getUsed();
                }
            }
            collections.add(System.currentTimeMillis(), live);
        }
    };
    private volatile boolean running = true;

    MemoryProbe() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        sampler = new Thread(this::sample, "bench-memory-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            sampleNow();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Peaks between two wall-clock instants (epoch milliseconds). */
    Peak peak(long fromMillis, long toMillis) {
        sampleNow();
        return new Peak(samples.max(1, fromMillis, toMillis), collections.max(1, fromMillis, toMillis),
                samples.max(2, fromMillis, toMillis),
                Math.max(0, samples.max(3, fromMillis, toMillis) - samples.min(3, fromMillis, toMillis)) / 1e9);
    }

    private void sampleNow() {
        samples.add(System.currentTimeMillis(), memory.getHeapMemoryUsage().getUsed(), status("VmRSS:"), os.getProcessCpuTime());
    }

    /** The process's resident high-water mark so far (VmHWM), or -1 where /proc is unavailable. */
    static long residentHighWaterMark() {
        return status("VmHWM:");
    }

    /** A /proc/self/status value in bytes; -1 when it cannot be read (not Linux). */
    static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String kb = line.substring(key.length()).trim();
                    return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never registered on this collector
                }
            }
        }
    }

    /** Timestamped tuples of longs in one growing array; the first value of each is the time. */
    private static final class Series {
        private final int width;
        private long[] values = new long[4 * 4096];
        private int size;

        Series(int width) {
            this.width = width;
        }

        synchronized void add(long... tuple) {
            if (size + width > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            System.arraycopy(tuple, 0, values, size, width);
            size += width;
        }

        synchronized long max(int field, long from, long to) {
            long max = -1;
            for (int i = 0; i < size; i += width) {
                if (values[i] >= from && values[i] <= to) {
                    max = Math.max(max, values[i + field]);
                }
            }
            return max;
        }

        synchronized long min(int field, long from, long to) {
            long min = Long.MAX_VALUE;
            for (int i = 0; i < size; i += width) {
                if (values[i] >= from && values[i] <= to) {
                    min = Math.min(min, values[i + field]);
                }
            }
            return min == Long.MAX_VALUE ? 0 : min;
        }
    }
}
