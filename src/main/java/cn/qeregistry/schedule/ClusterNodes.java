package cn.qeregistry.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This process as a node of the installation: an id, and a heartbeat row in {@code schedule_node}
 * refreshed every {@code qe.node.heartbeat} (default 15 s). A node whose heartbeat is older than
 * {@code qe.node.timeout} (default 2 min) or whose row is gone is dead: whatever it was running
 * will never finish by itself. Every process beats, command-line runs too, because they run jobs.
 */
@Component
public class ClusterNodes implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClusterNodes.class);

    private final JdbcClient jdbc;
    private final String nodeId;
    private final Duration timeout;
    private final ScheduledExecutorService heartbeat;

    ClusterNodes(JdbcClient jdbc, @Value("${qe.mode:command}") String mode,
                 @Value("${qe.node.heartbeat:PT15S}") Duration interval,
                 @Value("${qe.node.timeout:PT2M}") Duration timeout) {
        this.jdbc = jdbc;
        this.timeout = timeout;
        String host = hostName();
        long pid = ProcessHandle.current().pid();
        this.nodeId = host + ":" + pid + ":" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into schedule_node (node_id, host, pid, mode) values (?, ?, ?, ?)")
                .params(nodeId, host, pid, mode).update();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "qe-node-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String nodeId() {
        return nodeId;
    }

    /** How long a node may stay silent before it counts as dead. */
    Duration timeout() {
        return timeout;
    }

    /** SQL predicate: the node named by {@code column} has beaten within the timeout. */
    String liveNodeCondition(String column) {
        return "exists (select 1 from schedule_node n where n.node_id = " + column
                + " and n.heartbeat_at > now() - make_interval(secs => " + timeout.toSeconds() + "))";
    }

    private void beat() {
        try {
            int updated = jdbc.sql("update schedule_node set heartbeat_at = now() where node_id = ?").param(nodeId).update();
            if (updated == 0) { // declared dead and removed by another node: come back
                jdbc.sql("insert into schedule_node (node_id, host, pid, mode) values (?, ?, ?, 'revived')")
                        .params(nodeId, hostName(), ProcessHandle.current().pid()).update();
            }
        } catch (RuntimeException e) {
            log.warn("node heartbeat of {} failed: {}", nodeId, e.getMessage());
        }
    }

    /**
     * Forgets the nodes of this host whose process is gone (a crash and a quick restart: the dead
     * process's heartbeat may still look fresh). Returns how many were forgotten.
     */
    int forgetDeadProcessesOfThisHost() {
        long self = ProcessHandle.current().pid();
        List<Map<String, Object>> local = jdbc.sql("select node_id, pid from schedule_node where host = ? and node_id <> ?")
                .params(hostName(), nodeId).query().listOfRows();
        int forgotten = 0;
        for (Map<String, Object> node : local) {
            long pid = ((Number) node.get("pid")).longValue();
            boolean alive = pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                forgotten += jdbc.sql("delete from schedule_node where node_id = ?").param(node.get("node_id")).update();
            }
        }
        return forgotten;
    }

    /**
     * Stops beating; the row stays and ages out. (Deleting it here could wait on a database that is
     * already shutting down; a restart on this host forgets it at once, see above.)
     */
    @Override
    public void destroy() {
        heartbeat.shutdownNow();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
