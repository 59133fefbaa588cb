package cn.qeregistry.master;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secondary indexes are rebuilt around an insert larger than the table, and left alone otherwise. */
@SpringBootTest(properties = {"spring.main.web-application-type=none", "spring.quartz.auto-startup=false"})
class BulkInsertTest {

    @Autowired JdbcClient jdbc;

    BulkInsert bulk;

    @BeforeEach
    void createTable() {
        jdbc.sql("drop table if exists bulk_insert_probe, bulk_insert_parent").update();
        jdbc.sql("create table bulk_insert_parent (id int primary key)").update();
        jdbc.sql("insert into bulk_insert_parent select generate_series(1, 2000)").update();
        jdbc.sql("create table bulk_insert_probe (id int primary key references bulk_insert_parent, name text)").update();
        jdbc.sql("create index bulk_insert_probe_name on bulk_insert_probe (upper(name))").update();
        bulk = new BulkInsert(new Statements(jdbc));
    }

    @AfterEach
    void dropTable() {
        jdbc.sql("drop table if exists bulk_insert_probe, bulk_insert_parent").update();
    }

    @Test
    void aFirstLoadRebuildsTheSecondaryIndexesAfterTheInsertAndKeepsThePrimaryKey() {
        long primaryKey = indexOid("bulk_insert_probe_pkey");
        long secondary = indexOid("bulk_insert_probe_name");

        long inserted = bulk.into("bulk_insert_probe", 1000, () -> insert(1, 1000));

        assertThat(inserted).isEqualTo(1000);
        assertThat(indexOid("bulk_insert_probe_pkey")).as("constraint indexes stay").isEqualTo(primaryKey);
        assertThat(indexOid("bulk_insert_probe_name")).as("rebuilt, same name").isNotEqualTo(secondary);
        assertThat(jdbc.sql("select indexdef from pg_indexes where indexname = 'bulk_insert_probe_name'").query(String.class)
                .single()).contains("upper(name)");
        assertThat(jdbc.sql("select reltuples from pg_class where relname = 'bulk_insert_probe'").query(Double.class).single())
                .as("analysed").isEqualTo(1000.0);
        assertThat(jdbc.sql("select pg_get_constraintdef(oid) from pg_constraint where conrelid = 'bulk_insert_probe'::regclass"
                + " and contype = 'f' and convalidated").query(String.class).single()).contains("REFERENCES bulk_insert_parent(id)");
    }

    @Test
    void aFirstLoadStillRefusesRowsItsForeignKeyRejects() {
        assertThatThrownBy(() -> bulk.into("bulk_insert_probe", 1000, () -> insert(1500, 2499)))
                .hasMessageContaining("bulk_insert_probe_id_fkey");
    }

    @Test
    void anInsertSmallerThanTheTableMaintainsTheIndexesAsUsual() {
        insert(1, 1000);
        long secondary = indexOid("bulk_insert_probe_name");

        bulk.into("bulk_insert_probe", 10, () -> insert(1001, 1010));

        assertThat(indexOid("bulk_insert_probe_name")).isEqualTo(secondary);
        assertThat(jdbc.sql("select count(*) from bulk_insert_probe").query(Long.class).single()).isEqualTo(1010);
    }

    private long insert(int from, int to) {
        return jdbc.sql("insert into bulk_insert_probe select i, 'firm ' || i from generate_series(?, ?) i").params(from, to).update();
    }

    private long indexOid(String name) {
        return jdbc.sql("select oid::bigint from pg_class where relname = ?").param(name).query(Long.class).single();
    }
}
