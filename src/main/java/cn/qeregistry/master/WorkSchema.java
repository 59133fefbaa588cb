package cn.qeregistry.master;

/**
 * Where the master step keeps its working tables (touched codes, current rows, golden rows): unlogged
 * tables in schema {@value #NAME}, created and dropped inside the step's one transaction, so no other
 * session ever sees them and a failed step leaves none behind. Not temporary tables: PostgreSQL's
 * parallel workers cannot read a session's temporary tables, and with them the province-sized joins
 * and sorts ran on one core. At 1M firms the statement building the market's current rows went from
 * 10.5 s to 6.8 s with a parallel plan (two workers, on a machine shared with other work).
 *
 * <p>A second master transaction waits at {@code create schema} until the first has ended.
 */
final class WorkSchema {

    static final String NAME = "master_work";

    private WorkSchema() {
    }

    /**
     * Creates the schema and puts it first on the transaction's search path, so that the step's SQL
     * names its working tables unqualified. The planner's default costs for handing rows from
     * parallel workers to the leader assume busy, slow machines and kept the step's plans serial;
     * for this transaction they are lowered to what was measured to pay.
     */
    static void open(Statements sql) {
        sql.run("create schema " + NAME);
        sql.run("set local search_path = " + NAME + ", public");
        sql.run("set local parallel_setup_cost = 10");
        sql.run("set local parallel_tuple_cost = 0.001");
    }

    /** Drops the working tables with their schema, before the step's transaction commits. */
    static void close(Statements sql) {
        sql.run("drop schema " + NAME + " cascade");
    }
}
